/** Whole-request error codes the local server answers with, as the service names them. */
export const SERVICE_ERROR = {
  invalidInput: { code: 'InvalidInputException', status: 400 },
  invalidAccess: { code: 'InvalidAccessException', status: 401 },
  accessDenied: { code: 'AccessDeniedException', status: 403 },
  resourceNotFound: { code: 'ResourceNotFoundException', status: 404 },
  limitExceeded: { code: 'LimitExceededException', status: 429 },
  tooManyRequests: { code: 'TooManyRequestsException', status: 429 },
  internal: { code: 'InternalException', status: 500 },
} as const;

/** One entry of {@link SERVICE_ERROR}. */
export type ServiceErrorKind = (typeof SERVICE_ERROR)[keyof typeof SERVICE_ERROR];

/** A whole-request failure: becomes an HTTP error response the SDK deserialises into a typed exception. */
export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(kind: { code: string; status: number }, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = kind.code;
    this.status = kind.status;
  }
}
