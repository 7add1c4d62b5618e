import type { NextFunction, Request, Response } from 'express';
import pino, { type Logger } from 'pino';

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
// 7+ digits, allowing spaces, dashes and a leading + (phone numbers; also long ids, which is fine to hide).
const PHONE = /\+?\d[\d\s-]{5,}\d/g;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const SECRET_PARAMETER = /([?&](?:token|apiKey|api_key|access_token|key)=)[^&#]*/gi;

/** Masks e-mail addresses, phone numbers, JWTs and credential query parameters in a string. */
export function redactText(text: string): string {
  return text.replace(SECRET_PARAMETER, '$1[redacted]').replace(JWT, '[token]').replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/** Field paths that never reach a log line, whatever a caller logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  '*.token',
  '*.apiKey',
  '*.phone',
  '*.email',
  '*.password',
  'token',
  'apiKey',
  'phone',
  'email',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const settings = { level: options.level ?? process.env.SHOPLENS_LOG_LEVEL ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'shoplens' } };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** One log line per HTTP request: method, path (redacted), status, duration. Bodies and headers are not logged. */
export function requestLogging(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    // Read now: once a client has hung up (an upload refused for its size), the socket is gone by 'finish'.
    const ip = request.ip;
    response.on('finish', () => {
      logger.info(
        {
          method: request.method,
          path: redactText(request.originalUrl),
          status: response.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          ip,
        },
        'http request',
      );
    });
    next();
  };
}
