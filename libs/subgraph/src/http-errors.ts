import type { Logger } from '@exposure-graph/logging';
import type { ErrorRequestHandler, RequestHandler } from 'express';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/**
 * Answers what never reached GraphQL (a body that is not JSON, one that is too large) in
 * GraphQL's error shape, and logs it through pino as one line without the body. Without it,
 * Express would answer an HTML page with a stack trace and print the error to the console.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const details = error as HttpError;
    const status = details.status ?? details.statusCode ?? 500;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
    const message =
      status === 413
        ? 'Request body too large'
        : status < 500
          ? 'Request body is not valid JSON'
          : 'Internal server error';
    logger.warn({ status, code, path: request.path, type: details.type }, 'Request refused');
    response.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/** Unknown routes get a JSON 404 rather than Express' HTML page. */
export function notFoundHandler(): RequestHandler {
  return (request, response) => {
    response.status(404).json({
      errors: [
        {
          message: `No route ${request.method} ${request.path}`,
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  };
}
