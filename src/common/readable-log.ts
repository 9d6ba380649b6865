import type { DestinationStream } from 'pino';

/**
 * The log as a person reads it at a terminal (NODE_ENV=development): a line per entry with its time,
 * level, context and message, then its facts as name=value. The JSON lines stay the shop's one log
 * format; this only re-prints each, so nothing else (no pretty-printer package) goes into the image.
 */
export function readableLog(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  return { write: (line: string) => void out.write(readableLine(line)) };
}

/** The facts every line has, shown in its head instead of as name=value. */
const HEAD = new Set(['level', 'time', 'msg', 'context', 'pid', 'hostname', 'event', 'err']);

export function readableLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = (typeof entry.level === 'string' ? entry.level : '').padEnd(5);
  const context = typeof entry.context === 'string' ? `[${entry.context}] ` : '';
  const what = [entry.event, entry.msg === entry.event ? undefined : entry.msg].filter((part) => part !== undefined && part !== '').join(' ');
  const facts = Object.entries(entry)
    .filter(([name, value]) => !HEAD.has(name) && value !== undefined)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const error = entry.err as { stack?: unknown } | undefined;
  const stack = typeof error?.stack === 'string' ? `\n${error.stack}` : '';
  return `${time} ${level} ${context}${[what, ...facts].join(' ')}${stack}\n`;
}
