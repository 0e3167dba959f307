/** The OAuth endpoints' error: `{ error, error_description }` with its HTTP status (RFC 6749 §5.2), raised by the identity service and answered as such by the server. */
export class OAuthError extends Error {
  readonly error: string;
  readonly statusCode: number;

  constructor(error: string, description: string, statusCode = 400) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.statusCode = statusCode;
  }
}
