/**
 * A shopper with a browser's cookie jar, speaking real HTTP to the shop. Forms are submitted the way a
 * browser would: the page is fetched first and its CSRF token sent back with the fields.
 */
export interface PageResponse {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

export class Shopper {
  private cookies = new Map<string, string>();

  /** `headers` go with every request: X-Forwarded-For and X-Forwarded-Proto to play a client behind a proxy. */
  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /**
   * The same browser (its cookies, shared from now on) talking to another instance of the shop, as a load
   * balancer sends one browser's requests to whichever instance it picks: cookies do not depend on the port.
   */
  on(baseUrl: string): Shopper {
    const elsewhere = new Shopper(baseUrl, this.headers);
    elsewhere.cookies = this.cookies;
    return elsewhere;
  }

  get sessionId(): string | undefined {
    return [...this.cookies.entries()].find(([name]) => name.endsWith('anarkali.sid'))?.[1];
  }

  /** The id the session store knows this shopper's session by: the signed cookie reads "s:<id>.<signature>". */
  get storedSessionId(): string {
    const id = /^s:([^.]+)\./.exec(decodeURIComponent(this.sessionId ?? ''))?.[1];
    if (!id) throw new Error('the shopper has no session cookie');
    return id;
  }

  /** The value of the cookie named `name`, or `__Host-<name>` behind TLS. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name) ?? this.cookies.get(`__Host-${name}`);
  }

  /** Puts a cookie in the jar as if the shop had set it: to play a browser carrying a copied or forged one. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(path: string): Promise<PageResponse> {
    return this.request('GET', path);
  }

  /** POSTs fields as a urlencoded form, with no CSRF token unless the fields carry one. */
  async post(path: string, fields: Record<string, string | number>): Promise<PageResponse> {
    return this.request('POST', path, formBody(fields));
  }

  /**
   * POSTs a multipart form, as a browser sends one with enctype="multipart/form-data": text fields and
   * files (each with the name it is sent under and, if given, the type the browser claims for it).
   */
  async postMultipart(path: string, fields: Record<string, string>, files: UploadFixture[]): Promise<PageResponse> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) form.append(file.field, new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
    return this.request('POST', path, form);
  }

  /** POSTs a form's fields as pairs, so a name may repeat (ticked checkboxes), as a browser sends them. */
  async postForm(path: string, fields: [string, string][]): Promise<PageResponse> {
    return this.request('POST', path, new URLSearchParams(fields));
  }

  /** Opens the page that holds the form and submits it with the page's CSRF token. */
  async submit(pagePath: string, action: string, fields: Record<string, string | number>): Promise<PageResponse> {
    const page = await this.get(pagePath);
    return this.post(action, { _csrf: csrfTokenIn(page.html), ...fields });
  }

  /** Follows a redirect the way a browser does after a 303. */
  async follow(response: PageResponse): Promise<PageResponse> {
    if (!response.location) throw new Error(`expected a redirect, got ${response.status}`);
    return this.get(response.location);
  }

  /**
   * Submits a form and answers as soon as the response's headers arrive, as a browser does before it
   * follows a redirect; the body is still on its way.
   */
  async submitReadingHeadersOnly(pagePath: string, action: string, fields: Record<string, string | number>): Promise<Response> {
    const page = await this.get(pagePath);
    return this.send('POST', action, formBody({ _csrf: csrfTokenIn(page.html), ...fields }));
  }

  /**
   * POSTs fields as a urlencoded form uploaded slowly: the request reaches the shop at once, but the
   * rest of the form (and so the answer) only comes once `finish()` is called.
   */
  postSlowly(path: string, fields: Record<string, string | number>): { finish(): Promise<PageResponse> } {
    const form = new TextEncoder().encode(formBody(fields).toString());
    let upload!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (upload = controller) });
    upload.enqueue(form.subarray(0, form.length >> 1));
    const answer = this.request('POST', path, body);
    return {
      finish() {
        upload.enqueue(form.subarray(form.length >> 1));
        upload.close();
        return answer;
      },
    };
  }

  private async request(method: string, path: string, body?: URLSearchParams | ReadableStream<Uint8Array> | FormData): Promise<PageResponse> {
    const response = await this.send(method, path, body);
    return { status: response.status, headers: response.headers, html: await response.text(), location: response.headers.get('location') };
  }

  private async send(method: string, path: string, body?: URLSearchParams | ReadableStream<Uint8Array> | FormData): Promise<Response> {
    const streamed = body instanceof ReadableStream;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      body,
      // A streamed body has no length to announce: it goes chunked, and fetch asks to be told so.
      ...(streamed ? { duplex: 'half' as const } : {}),
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(streamed ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        accept: 'text/html',
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    return response;
  }
}

/** A file a test uploads: the form field, the name it is sent under, its bytes and (optionally) the type claimed for it. */
export interface UploadFixture {
  field: string;
  name: string;
  content: Uint8Array;
  type?: string;
}

const formBody = (fields: Record<string, string | number>) => new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Markup with the two entities Handlebars writes in addresses decoded (links read as a browser follows them), and money's no-break spaces as spaces. */
export function decodedLinks(html: string): string {
  return html
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/\u00a0/g, ' ');
}

/** The visible text of an HTML page, for asserting on what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** A Set-Cookie header's attributes by lower-cased name: flags are true, the others carry their (lower-cased) value. */
export function cookieAttributes(setCookie: string): Record<string, string | true> {
  const [, ...attributes] = setCookie.split(';').map((part) => part.trim());
  return Object.fromEntries(
    attributes.map((attribute) => {
      const [name, ...value] = attribute.split('=');
      return [name.toLowerCase(), value.length ? value.join('=').toLowerCase() : true];
    }),
  );
}
