import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server process-in-a-port (the smtp-server package) on loopback, keeping what it receives. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Addresses refused at RCPT TO (550), like mailboxes that do not exist; the set may change between sends. */
  readonly refusedRecipients = new Set<string>();
  /**
   * How many of the next messages are kept but answered with a temporary failure: the sender never hears
   * that they arrived, as when the connection drops after the data went through.
   */
  repliesToLose = 0;
  private held?: (answer: (error: Error | null) => void) => void;
  private server?: SMTPServer;

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async onFreePort(): Promise<TestSmtpServer> {
    return new TestSmtpServer(await freePort());
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, session, done) => {
        const answer = () => done(this.refusedRecipients.has(address.address) ? new Error('5.1.1 No such mailbox here') : null);
        const held = this.held;
        this.held = undefined;
        if (held) held((error) => (error ? done(error) : answer()));
        else answer();
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          if (this.repliesToLose === 0) return done();
          this.repliesToLose -= 1;
          done(new Error('4.4.2 Connection dropped before the reply'));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /**
   * Keeps the next message's sender waiting at RCPT TO, as a slow server would, until the test lets it
   * through or refuses it (a temporary failure); `arrived` resolves once the sender is waiting.
   */
  holdNext(): { arrived: Promise<void>; release(outcome: 'accept' | 'refuse'): void } {
    let answer: ((error: Error | null) => void) | undefined;
    const arrived = new Promise<void>((resolve) => {
      this.held = (reply) => {
        answer = reply;
        resolve();
      };
    });
    return {
      arrived,
      release(outcome) {
        if (!answer) throw new Error('no message is being held yet');
        answer(outcome === 'accept' ? null : Object.assign(new Error('Try again later'), { responseCode: 451 }));
      },
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A port nothing listens on right now, on loopback: for a server a test must name before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The plain-text part of a received message (the whole body when it has one part), decoded. */
export function mailText(mail: ReceivedMail): string {
  return decodedPart(mail, 'text/plain');
}

/** The HTML part of a received message, decoded; throws when it has none. */
export function mailHtml(mail: ReceivedMail): string {
  return decodedPart(mail, 'text/html');
}

/** The content types of a message's parts, in order: ["text/plain", "text/html"] for multipart/alternative. */
export function partTypes(mail: ReceivedMail): string[] {
  return leafParts(mail.raw).map(contentType);
}

interface MimePart {
  /** Unfolded: a header continued on the next line is on one line here. */
  headers: string;
  body: string;
}

function decodedPart(mail: ReceivedMail, type: string): string {
  const part = leafParts(mail.raw).find((candidate) => contentType(candidate) === type);
  if (!part) throw new Error(`no ${type} part in:\n${mail.raw}`);
  return decoded(part);
}

/** The message itself when it is not multipart, else the leaves of its parts, depth first. */
function leafParts(raw: string): MimePart[] {
  const split = raw.search(/\r?\n\r?\n/);
  const part = { headers: raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' '), body: raw.slice(split).replace(/^\r?\n\r?\n/, '') };
  const boundary = /^content-type:\s*multipart\/.*?boundary="?([^";\r\n]+)"?/im.exec(part.headers)?.[1];
  if (!boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => leafParts(section.replace(/^\r?\n/, '')));
}

function contentType(part: MimePart): string {
  return /^content-type:\s*([^;\s]+)/im.exec(part.headers)?.[1].toLowerCase() ?? 'text/plain';
}

/** A part's body decoded from the transfer encoding nodemailer chose (long lines arrive quoted-printable), with SMTP's CRLF line ends as \n. */
function decoded(part: MimePart): string {
  return transferDecoded(part).replace(/\r\n/g, '\n');
}

function transferDecoded(part: MimePart): string {
  const body = part.body.trim();
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(part.headers)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
