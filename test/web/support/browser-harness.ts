/**
 * Browser tests' harness: the real server (`startServer`, as `eddy serve --demo` runs it) on a
 * free port over a temporary SQLite database seeded with the demo org, and Debian's chromium
 * driven by playwright-core with a fresh profile per browser. Screenshots go to
 * `test-results/screenshots/`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FlowService } from '../../../src/runtime/flows/flow-service.js';
import { startServer, type RunningServer } from '../../../src/server/main.js';
import { UI_DEMO_FLOWS_FOLDER } from '../../../src/runtime/demo/demo-flows.js';

/** Where chromium is (`EDDY_CHROMIUM`, else Debian's). */
export const CHROMIUM_PATH = process.env.EDDY_CHROMIUM ?? '/usr/bin/chromium';
/** The demo admin's password in the tests. */
export const ADMIN_PASSWORD = 'Browser-test-password-1';
/** The demo connected app's secret in the tests. */
export const CLIENT_SECRET = 'Browser-test-client-secret-1';

/** Where screenshots are saved. */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results/screenshots');

/** Whether the browser tests can run here; throws under CI when chromium is missing. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required under CI but ${CHROMIUM_PATH} does not exist (install Debian's chromium, or set EDDY_CHROMIUM).`);
  console.warn(`Browser tests skipped: no chromium at ${CHROMIUM_PATH} (install Debian's chromium, or set EDDY_CHROMIUM).`);
  return false;
}

/** The running server and its temporary folder. */
export interface TestSite {
  readonly server: RunningServer;
  readonly url: string;
  close(): Promise<void>;
}

/** A pretend CRM on another origin (another loopback port) that serves one page embedding Eddy. */
export interface EmbeddingSite {
  readonly origin: string;
  /** Sets the HTML every path of the CRM answers. */
  setPage(html: string): void;
  close(): Promise<void>;
}

/** Starts the pretend CRM. */
export async function startEmbeddingSite(): Promise<EmbeddingSite> {
  let page = '<!doctype html><title>CRM</title>';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setPage: (html) => {
      page = html;
    },
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

/** Starts the server with the demo org and makes sure the UI demo flows are deployed and active. */
export async function startSite(options: { readonly embedOrigins?: readonly string[] } = {}): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-browser-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', database: join(dir, 'eddy.db'), demo: true, env: { EDDY_ADMIN_PASSWORD: ADMIN_PASSWORD, EDDY_DEMO_CLIENT_SECRET: CLIENT_SECRET, EDDY_EMBED_ORIGINS: options.embedOrigins?.join(',') }, print: () => undefined });
  const admin = await server.storage.directory.getUserByUsername('admin@eddy.local');
  if (admin === undefined) throw new Error('The demo org has no admin@eddy.local.');
  const missing = [];
  for (const name of readdirSync(UI_DEMO_FLOWS_FOLDER).filter((file) => file.endsWith('.flow-meta.xml'))) {
    const apiName = name.replace('.flow-meta.xml', '');
    const definition = await server.storage.flows.getDefinitionByName(apiName);
    if (definition?.ActiveVersionId === null || definition === undefined) missing.push({ path: `flows/${name}`, content: readFileSync(join(UI_DEMO_FLOWS_FOLDER, name), 'utf8') });
  }
  if (missing.length > 0) await new FlowService(server.storage).deploy(admin.Id, missing, { activate: true });
  return {
    server,
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser with its own fresh profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Launches chromium headless with a fresh `--user-data-dir` and the flags that keep it offline. */
export async function launchBrowser(viewport: { readonly width: number; readonly height: number } = { width: 1280, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'eddy-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the form and waits for the header to show the user. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
}
