import { describe, expect, it, jest } from '@jest/globals';

import { retryDelay } from './client';
import { fromServiceError, GRPC_CODES, GrpcError, toGrpcError } from './errors';

const METHOD = '/exposuregraph.cmdb.v1.Cmdb/GetCis';

describe('GrpcError', () => {
  it('carries the numeric status of its code', () => {
    expect(new GrpcError(GRPC_CODES.notFound, 'No CI ci-9').status).toBe(5);
    expect(new GrpcError(GRPC_CODES.unavailable, 'Store down').status).toBe(14);
    expect(new GrpcError(GRPC_CODES.deadlineExceeded, 'Too slow').status).toBe(4);
  });

  it('is retriable for transient codes only', () => {
    expect(new GrpcError(GRPC_CODES.unavailable, 'Store down').retriable).toBe(true);
    expect(new GrpcError(GRPC_CODES.deadlineExceeded, 'Too slow').retriable).toBe(true);
    expect(new GrpcError(GRPC_CODES.invalidArgument, 'Empty list').retriable).toBe(false);
    expect(new GrpcError(GRPC_CODES.internal, 'Bug').retriable).toBe(false);
  });
});

describe('toGrpcError', () => {
  it('keeps a GrpcError as thrown', () => {
    const error = new GrpcError(GRPC_CODES.notFound, 'No CI ci-9');

    expect(toGrpcError(error, METHOD)).toBe(error);
  });

  it('prefers the mapper of the service over the default rules', () => {
    const mapped = toGrpcError(new Error('Ambiguous'), METHOD, error =>
      error instanceof Error
        ? new GrpcError(GRPC_CODES.failedPrecondition, error.message)
        : undefined,
    );

    expect(mapped).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'Ambiguous' });
  });

  it('hides the text of an unexpected error behind INTERNAL and keeps it as cause', () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'ips')");

    const error = toGrpcError(cause, METHOD);

    expect(error).toMatchObject({ code: 'INTERNAL', message: `Internal error in ${METHOD}` });
    expect(error.cause).toBe(cause);
  });
});

describe('fromServiceError', () => {
  it('names the status and keeps the details of a grpc-js error', () => {
    const serviceError = Object.assign(new Error('5 NOT_FOUND: No CI ci-9'), {
      code: 5,
      details: 'No CI ci-9',
    });

    expect(fromServiceError(serviceError, METHOD)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No CI ci-9',
      method: METHOD,
    });
  });

  it('treats a status number outside the standard set as UNKNOWN', () => {
    expect(fromServiceError({ code: 42, details: '' }, METHOD)).toMatchObject({
      code: 'UNKNOWN',
      message: 'UNKNOWN',
    });
  });
});

describe('retryDelay', () => {
  const retry = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('waits between half and all of the doubled base', () => {
    const random = jest.spyOn(Math, 'random');

    random.mockReturnValue(0);
    expect([1, 2, 3].map(attempt => retryDelay(retry, attempt))).toEqual([50, 100, 200]);
    random.mockReturnValue(0.999999);
    expect([1, 2, 3].map(attempt => retryDelay(retry, attempt))).toEqual([100, 200, 400]);

    random.mockRestore();
  });

  it('never waits longer than the maximum', () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.999999);

    expect(retryDelay(retry, 10)).toBe(1_000);

    random.mockRestore();
  });
});
