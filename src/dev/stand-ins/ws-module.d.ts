// The part of ws@7's API the Socket Mode stand-in uses (ws 7 ships no types; @types/ws is not installed).
declare module 'ws' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  class WebSocket extends EventEmitter {
    static readonly OPEN: number;
    readonly readyState: number;
    send(data: string): void;
    ping(data?: string): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
  }
  namespace WebSocket {
    class Server extends EventEmitter {
      constructor(options: { noServer: true });
      handleUpgrade(
        request: IncomingMessage,
        socket: Duplex,
        head: Buffer,
        callback: (socket: WebSocket) => void,
      ): void;
      close(): void;
    }
  }
  export = WebSocket;
}
