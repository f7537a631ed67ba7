/**
 * Starts the production build (`node server.js`) on a free port with its own
 * copy of the demo database, as a person running `npm start` would get.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../support/free-port";
import { ROOT, TEMPLATE_DB } from "../../support/paths";

/**
 * A copy of the seeded template database for one server. It lives outside
 * tests/.tmp: another vitest run's global setup empties that folder, which
 * would pull the file from under a running server. remove() deletes it again.
 * The crash tests (./killable-server.ts) use it too, for a file that outlives
 * one server process.
 */
export function copyTemplateDatabase(label: string): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `processtod-${label}-`));
  const file = path.join(dir, `${crypto.randomBytes(4).toString("hex")}.sqlite`);
  fs.copyFileSync(TEMPLATE_DB, file);
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type TestServer = { url: string; databaseFile: string; output: () => string; stop: () => Promise<void> };

export async function startServer(label: string, env: Record<string, string> = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
    throw new Error("build/index.js saknas: kör `npm run build` före e2e-testerna (npm test gör det).");
  }
  const database = copyTemplateDatabase(label);
  const databaseFile = database.file;
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databaseFile,
      SMTP_HOST: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  let stopping = false;
  // A server that dies mid-file makes every later test fail with "connection refused"; say why.
  child.once("exit", (code, signal) => {
    if (!stopping) console.warn(`Testservern ${label} avslutades oväntat (kod ${code}, signal ${signal}):\n${output}`);
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Servern avslutades:\n${output}`);
    try {
      const res = await fetch(`${url}/logga-in`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    databaseFile,
    output: () => output,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        });
      }
      database.remove();
    },
  };
}
