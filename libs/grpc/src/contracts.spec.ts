import { describe, expect, it } from '@jest/globals';

import { CMDB_SERVICE } from './cmdb';
import { HEALTH_SERVICE } from './health';
import { KNOWLEDGE_BASE_SERVICE } from './knowledge-base';
import { type AnyField, fieldsOf, type MessageSpec } from './messages';
import { messageDefinition, packageDefinition, serviceDefinition } from './protos';
import type { AnyServiceSpec } from './services';
import { SOURCES_SERVICE } from './sources';

interface FieldDescriptor {
  name: string;
  label: string;
  type: string;
  typeName: string;
}

interface MessageDescriptor {
  name: string;
  field: FieldDescriptor[];
  oneofDecl: { name: string }[];
  nestedType: (MessageDescriptor & { options: { mapEntry?: boolean } | null })[];
}

const OWN_SERVICES: readonly AnyServiceSpec[] = [
  KNOWLEDGE_BASE_SERVICE,
  CMDB_SERVICE,
  SOURCES_SERVICE,
];

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** A field as the loaded descriptor declares it, e.g. "optional double". */
function descriptorShape(message: MessageDescriptor, field: FieldDescriptor): string {
  const type = field.type.replace('TYPE_', '').toLowerCase();
  const repeated = field.label === 'LABEL_REPEATED';
  // proto3 `optional` shows as a synthetic oneof named after the field.
  const optional = message.oneofDecl.some(oneof => oneof.name === `_${field.name}`);
  if (type === 'message') {
    const entry = message.nestedType.find(nested => nested.name === field.typeName);
    if (entry?.options?.mapEntry) {
      return `map<${entry.field.map(part => part.type.replace('TYPE_', '').toLowerCase()).join(', ')}>`;
    }
    return `${repeated ? 'repeated ' : ''}message ${lastSegment(field.typeName)}`;
  }
  if (type === 'enum') {
    return `enum ${field.typeName}`;
  }
  return `${repeated ? 'repeated ' : optional ? 'optional ' : ''}${type}`;
}

/** The same, as the TypeScript spec declares it. */
function specShape(field: AnyField): string {
  switch (field.kind) {
    case 'scalar':
      return field.type;
    case 'optional':
      return `optional ${field.type}`;
    case 'repeated':
      return `repeated ${field.type}`;
    case 'enum':
      return `enum ${field.type}`;
    case 'timestamp':
      return 'message Timestamp';
    case 'map':
      return 'map<string, string>';
    case 'repeatedMessage':
      return `repeated message ${lastSegment(field.message.name)}`;
  }
}

function messagesOf(services: readonly AnyServiceSpec[]): Map<string, MessageSpec<unknown>> {
  const found = new Map<string, MessageSpec<unknown>>();
  const visit = (spec: MessageSpec<unknown>): void => {
    found.set(spec.name, spec);
    for (const [, field] of fieldsOf(spec)) {
      if (field.kind === 'repeatedMessage') {
        visit(field.message);
      }
    }
  };
  for (const service of services) {
    for (const method of Object.values(service.methods)) {
      visit(method.request);
      visit(method.response);
    }
  }
  return found;
}

const ALL_MESSAGES = messagesOf([...OWN_SERVICES, HEALTH_SERVICE]);

describe('TypeScript message specs', () => {
  it.each([...ALL_MESSAGES.values()].map(spec => [spec.name, spec] as const))(
    '%s declares the fields of the proto message with their shapes',
    (name, spec) => {
      const descriptor = messageDefinition(name).type as MessageDescriptor;

      const fromProto = Object.fromEntries(
        descriptor.field.map(field => [field.name, descriptorShape(descriptor, field)]),
      );
      const fromTypeScript = Object.fromEntries(
        fieldsOf(spec).map(([field, shape]) => [field, specShape(shape)]),
      );

      expect(fromTypeScript).toEqual(fromProto);
    },
  );

  it('cover every message of the proto files', () => {
    const protoMessages = Object.entries(packageDefinition())
      .filter(([, definition]) => definition.format === 'Protocol Buffer 3 DescriptorProto')
      .map(([name]) => name)
      .filter(name => !name.startsWith('google.protobuf.'))
      .sort();

    expect([...ALL_MESSAGES.keys()].sort()).toEqual(protoMessages);
  });
});

describe('TypeScript service specs', () => {
  it.each(OWN_SERVICES.map(spec => [spec.name, spec] as const))(
    '%s names exactly the methods of the proto service, unary, with their message types',
    (name, spec) => {
      const definition = serviceDefinition(name);

      const fromProto = Object.fromEntries(
        Object.entries(definition).map(([method, entry]) => [
          method,
          {
            request: entry.requestType.type,
            response: entry.responseType.type,
            streaming: entry.requestStream || entry.responseStream,
          },
        ]),
      );
      const fromTypeScript = Object.fromEntries(
        Object.values(spec.methods).map(method => [
          method.name,
          {
            request: expect.objectContaining({ name: lastSegment(method.request.name) }),
            response: expect.objectContaining({ name: lastSegment(method.response.name) }),
            streaming: false,
          },
        ]),
      );

      expect(fromProto).toEqual(fromTypeScript);
    },
  );

  it('wrap the unary Check of the standard health service', () => {
    const definition = serviceDefinition('grpc.health.v1.Health');

    expect(Object.keys(definition).sort()).toEqual(['Check', 'Watch']);
    expect(definition.Check?.path).toBe('/grpc.health.v1.Health/Check');
    expect(HEALTH_SERVICE.methods.check.name).toBe('Check');
  });
});
