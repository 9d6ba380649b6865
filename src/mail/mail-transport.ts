import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config/config.js';

export interface MailTransport {
  /** With `html`, nodemailer sends multipart/alternative: the text part first, the HTML part for clients that show it. */
  send(message: { from: string; to: string; subject: string; text: string; html?: string; messageId: string }): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise each message is written to VAR_DIR/mail as an .eml file to open in a mail client. */
export function mailTransportFor(config: AppConfig): MailTransport {
  if (config.mail.smtpUrl) {
    // Short timeouts: a slow or dead SMTP server holds up only the worker, and only briefly.
    const transporter = nodemailer.createTransport(config.mail.smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as never);
    return {
      async send(message) {
        await transporter.sendMail(message);
      },
    };
  }
  const folder = path.join(config.varDir, 'mail');
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = (await writer.sendMail(message)) as { message: Buffer };
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, `${message.messageId.replace(/[^\w.-]/g, '_')}.eml`), info.message);
    },
  };
}
