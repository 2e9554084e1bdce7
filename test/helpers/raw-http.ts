// Raw HTTP over a socket, for requests fetch() would refuse to send (malformed targets, odd headers, partial bodies).
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status of the first response line, or undefined when the server closed without answering. */
  status?: number;
  text: string;
}

/** Writes `request` as is and reads until the server closes or `timeoutMs` passes (status undefined then). */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 3000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (d) => {
      text += d.toString('latin1');
      // One whole response is enough: a keep-alive server would not close.
      const head = text.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head));
      if (len && text.length >= head + 4 + Number(len[1])) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
  });
}
