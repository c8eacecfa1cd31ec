// Drives Debian's headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
// we write to its fd 3, it answers on fd 4, messages end with NUL). No browser download, no
// WebSocket, no npm dependency. Records console errors, exceptions, dialogs and every request.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)) ?? null;

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message: string }; sessionId?: string };

export interface PageLog {
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners: ((message: Message) => void)[] = [];

  private constructor(private readonly child: ChildProcess, private readonly profileDir: string) {
    const input = child.stdio[4] as Readable;
    let buffer = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
        const message = JSON.parse(buffer.slice(0, end)) as Message;
        buffer = buffer.slice(end + 1);
        if (message.id !== undefined && this.pending.has(message.id)) {
          const waiter = this.pending.get(message.id)!;
          this.pending.delete(message.id);
          if (message.error) waiter.reject(new Error(message.error.message));
          else waiter.resolve(message.result);
        } else {
          for (const listener of this.listeners) listener(message);
        }
      }
    });
  }

  static async launch(): Promise<Browser> {
    if (!CHROMIUM) throw new Error('chromium is not installed (apt-get install chromium)');
    const profileDir = mkdtempSync(join(tmpdir(), 'nestready-chromium-'));
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', `--user-data-dir=${profileDir}`, '--hide-scrollbars', '--remote-debugging-pipe'];
    const child = spawn(CHROMIUM, flags, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    const browser = new Browser(child, profileDir);
    await browser.send('Browser.getVersion');
    return browser;
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`chromium: ${method} timed out`)), timeoutMs);
      this.pending.set(id, { resolve: (value) => (clearTimeout(timer), resolve(value as T)), reject: (error) => (clearTimeout(timer), reject(error)) });
      (this.child.stdio[3] as Writable).write(message + '\0');
    });
  }

  private waitFor(sessionId: string, method: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`chromium: no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.listeners.push((message) => {
        if (message.sessionId === sessionId && message.method === method) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  // Opens url in a fresh tab with logging on from the first request, and waits for `load`.
  // scripts: false opens it as a reader with JavaScript off would see it.
  async open(url: string, options: { scripts?: boolean } = {}): Promise<Page> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const log: PageLog = { consoleErrors: [], requests: [], dialogs: [] };
    this.listeners.push((message) => {
      if (message.sessionId !== sessionId || !message.params) return;
      const params = message.params as Record<string, any>;
      if (message.method === 'Runtime.consoleAPICalled' && ['error', 'assert'].includes(params.type)) log.consoleErrors.push(`console.${params.type}: ${JSON.stringify(params.args)}`);
      if (message.method === 'Runtime.exceptionThrown') log.consoleErrors.push(`exception: ${params.exceptionDetails?.exception?.description ?? params.exceptionDetails?.text}`);
      if (message.method === 'Log.entryAdded' && params.entry?.level === 'error') log.consoleErrors.push(`log: ${params.entry.text}`);
      if (message.method === 'Network.requestWillBeSent') log.requests.push(params.request.url);
      if (message.method === 'Page.javascriptDialogOpening') {
        log.dialogs.push(params.message);
        void this.send('Page.handleJavaScriptDialog', { accept: false }, sessionId);
      }
    });
    for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await this.send(`${domain}.enable`, {}, sessionId);
    if (options.scripts === false) await this.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
    const loaded = this.waitFor(sessionId, 'Page.loadEventFired');
    await this.send('Page.navigate', { url }, sessionId);
    await loaded;
    return new Page(this, sessionId, log);
  }

  async close(): Promise<void> {
    try {
      await this.send('Browser.close', {}, undefined, 5_000);
    } catch {
      // already gone
    }
    if (this.child.exitCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => (this.child.kill('SIGKILL'), resolve(null)), 5_000);
        this.child.once('exit', () => (clearTimeout(timer), resolve(null)));
      });
    }
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

export class Page {
  constructor(private readonly browser: Browser, private readonly sessionId: string, readonly log: PageLog) {}

  // An expression that gives a promise is awaited.
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.browser.send<{ result: { value: T }; exceptionDetails?: unknown }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, this.sessionId);
    if (reply.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(reply.exceptionDetails)}`);
    return reply.result.value;
  }

  // A full-page PNG at `width` CSS pixels, as screen or as print media (the print stylesheet).
  async screenshot(path: string, options: { width: number; media: 'screen' | 'print' }): Promise<Buffer> {
    await this.browser.send('Emulation.setEmulatedMedia', { media: options.media }, this.sessionId);
    await this.browser.send('Emulation.setDeviceMetricsOverride', { width: options.width, height: 900, deviceScaleFactor: 1, mobile: false }, this.sessionId);
    const metrics = await this.browser.send<{ cssContentSize: { height: number } }>('Page.getLayoutMetrics', {}, this.sessionId);
    const height = Math.min(16_000, Math.ceil(metrics.cssContentSize.height));
    await this.browser.send('Emulation.setDeviceMetricsOverride', { width: options.width, height, deviceScaleFactor: 1, mobile: false }, this.sessionId);
    const { data } = await this.browser.send<{ data: string }>('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, this.sessionId);
    const png = Buffer.from(data, 'base64');
    writeFileSync(path, png);
    return png;
  }

  // Lays the page out at `width` × `height` CSS pixels as screen or print media (for clip()).
  async view(options: { width: number; height: number; media: 'screen' | 'print' }): Promise<void> {
    await this.browser.send('Emulation.setEmulatedMedia', { media: options.media }, this.sessionId);
    await this.browser.send('Emulation.setDeviceMetricsOverride', { width: options.width, height: options.height, deviceScaleFactor: 1, mobile: false }, this.sessionId);
  }

  // One region of the page as laid out by the last screenshot(), for reviewing details by eye.
  // inViewport: the region lies inside the viewport set by view() (faster: no full-page capture).
  async clip(path: string, region: { y: number; height: number; width: number; inViewport?: boolean }): Promise<Buffer> {
    const clip = { x: 0, y: region.y, width: region.width, height: region.height, scale: 1 };
    const { data } = await this.browser.send<{ data: string }>('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: region.inViewport !== true }, this.sessionId);
    const png = Buffer.from(data, 'base64');
    writeFileSync(path, png);
    return png;
  }

  async pdf(path: string): Promise<Buffer> {
    await this.browser.send('Emulation.setEmulatedMedia', { media: 'print' }, this.sessionId);
    const { data } = await this.browser.send<{ data: string }>('Page.printToPDF', { preferCSSPageSize: true, printBackground: true }, this.sessionId, 60_000);
    const pdf = Buffer.from(data, 'base64');
    writeFileSync(path, pdf);
    return pdf;
  }
}
