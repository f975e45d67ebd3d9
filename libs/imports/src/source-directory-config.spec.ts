import { parseEnvironment } from '@exposure-graph/config';
import { silentLogger } from '@exposure-graph/logging';
import { describe, expect, it } from '@jest/globals';

import { createSourceDirectory, sourceDirectoryEnvironment } from './source-directory-config';

const simulator = {
  sourceId: 'sim',
  name: 'Simulator',
  apiBaseUrl: 'http://127.0.0.1:8090',
  username: 'qualys',
  password: 'qualys',
};

describe('source directory from configuration', () => {
  it('serves the sources of QUALYS_SOURCES, with defaults filled in', async () => {
    const config = parseEnvironment('test', sourceDirectoryEnvironment, {
      QUALYS_SOURCES: JSON.stringify([simulator]),
    });

    const { directory } = createSourceDirectory(config, silentLogger());

    expect(await directory.get('sim')).toEqual({
      ...simulator,
      pcrsGatewayUrl: null,
      apiVersions: {},
    });
    await expect(directory.get('other')).rejects.toThrow('Unknown Qualys source other');
  });

  it('names the field at fault without echoing the value', () => {
    const parse = () =>
      parseEnvironment('test', sourceDirectoryEnvironment, {
        QUALYS_SOURCES: JSON.stringify([
          { ...simulator, apiBaseUrl: 'ftp://x', password: 'hunter2' },
        ]),
      });

    expect(parse).toThrow('QUALYS_SOURCES: 0.apiBaseUrl: ');
    expect(parse).not.toThrow(/hunter2/);
  });

  it('refuses text that is not JSON and an address that is not host:port', () => {
    const parse = () =>
      parseEnvironment('test', sourceDirectoryEnvironment, {
        QUALYS_SOURCES: '[{',
        SOURCES_GRPC_ADDRESS: 'http://integrations',
      });

    expect(parse).toThrow('QUALYS_SOURCES: must be a JSON array of sources');
    expect(parse).toThrow('SOURCES_GRPC_ADDRESS: must be host:port');
  });
});
