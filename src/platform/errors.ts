import type { Params } from './i18n/index.js';

/** One problem with one field of the input; `key` is a message key, translated where it is shown. */
export interface FieldIssue {
  field: string;
  key: string;
  params?: Params;
}

export class AppError extends Error {
  constructor(readonly status: number, readonly key: string, readonly params: Params = {}) {
    super(key);
  }
}

export class ValidationError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super(422, 'error.validation');
  }
  static field(field: string, key: string, params?: Params): ValidationError {
    return new ValidationError([{ field, key, params }]);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'error.notFound') {
    super(404, what);
  }
}

export class ForbiddenError extends AppError {
  constructor(readonly signedIn: boolean) {
    super(signedIn ? 403 : 401, signedIn ? 'error.forbidden' : 'error.unauthenticated');
  }
}

export class ConflictError extends AppError {
  constructor(key: string, params?: Params) {
    super(409, key, params);
  }
}

export class TooManyRequestsError extends AppError {
  /** `key` names what was refused (default: "too many attempts"); it gets `{minutes}`. */
  constructor(readonly retryAfterSeconds: number, key = 'error.tooManyRequests') {
    super(429, key, { minutes: Math.ceil(retryAfterSeconds / 60) });
  }
}
