import { resolve } from 'node:path';

import {
  loadSync,
  type MessageTypeDefinition,
  type Options,
  type PackageDefinition,
  type ServiceDefinition,
} from '@grpc/proto-loader';

/** Folder of the `.proto` files; a deployment that bundles the code must ship it alongside. */
export const PROTO_DIR = resolve(__dirname, '..', 'proto');

/** Every proto file of the lib, relative to PROTO_DIR. */
export const PROTO_FILES = [
  'knowledge_base.proto',
  'cmdb.proto',
  'integrations.proto',
  'health.proto',
] as const;

/**
 * How the messages look in JavaScript. camelCase names match the TypeScript interfaces;
 * `longs: String` keeps 64-bit values exact; `defaults` fills absent scalars and lists so that a
 * handler never meets `undefined`; `oneofs` marks which proto3 `optional` field was present,
 * which is what keeps an absent CVSS score apart from 0.0.
 */
export const LOADER_OPTIONS: Readonly<Options> = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

let loaded: PackageDefinition | undefined;

/** The descriptors of every proto file, parsed on first use and shared afterwards. */
export function packageDefinition(): PackageDefinition {
  loaded ??= loadSync([...PROTO_FILES], { ...LOADER_OPTIONS });
  return loaded;
}

/** The grpc-js service definition of a fully qualified service name. */
export function serviceDefinition(name: string): ServiceDefinition {
  const definition = packageDefinition()[name];
  if (!definition || 'format' in definition) {
    throw new Error(`No gRPC service ${name} in ${PROTO_DIR}`);
  }
  return definition;
}

/** The descriptor of a fully qualified message name (used to check the TypeScript side). */
export function messageDefinition(name: string): MessageTypeDefinition<object, object> {
  const definition = packageDefinition()[name];
  if (definition?.format !== 'Protocol Buffer 3 DescriptorProto') {
    throw new Error(`No protobuf message ${name} in ${PROTO_DIR}`);
  }
  return definition;
}
