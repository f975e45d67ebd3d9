import { QUALYS_ERROR_KINDS, QualysApiError, type QualysApiErrorDetails } from '../errors';

/** Facts of the call that a parser adds to the errors it throws. */
export type ErrorContext = Partial<
  Pick<QualysApiErrorDetails, 'source' | 'request' | 'page' | 'httpStatus'>
>;

export function malformed(
  context: ErrorContext,
  message: string,
  element?: string,
  cause?: unknown,
): QualysApiError {
  return new QualysApiError({
    ...context,
    kind: QUALYS_ERROR_KINDS.malformedResponse,
    message,
    element,
    cause,
  });
}

export function unsafe(context: ErrorContext, message: string): QualysApiError {
  return new QualysApiError({ ...context, kind: QUALYS_ERROR_KINDS.unsafeXml, message });
}
