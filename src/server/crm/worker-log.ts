// What the delivery worker and its senders log through (the server's pino logger, or a test's).
export interface WorkerLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
