/**
 * The production server (`node server.js`) on a database file that outlives
 * it: the crash and load tests (issue #11 item 8) kill it with SIGKILL and
 * start it again on the same file. startServer() in ./server.ts owns its
 * database and removes it on stop, so these tests use this instead, on a
 * file from copyTemplateDatabase() there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../support/free-port";
import { ROOT } from "../../support/paths";

export type KillableServer = {
  url: string;
  pid: number;
  output: () => string;
  /** SIGKILL to the node process itself: no shutdown handler runs, open transactions die with it. */
  kill9: () => Promise<void>;
  /** A graceful stop (SIGTERM, SIGKILL after 5 s). Safe to call twice. */
  stop: () => Promise<void>;
};

export async function launchServer(databaseFile: string, env: Record<string, string> = {}): Promise<KillableServer> {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
    throw new Error("build/index.js saknas: kör `npm run build` först (npm test och npm run test:stress gör det).");
  }
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
      // The reminder job would write on its own a few seconds after start; the tests count every write.
      SCHEDULER: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  const stop = async () => {
    if (gone()) return;
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(killer);
  };
  const kill9 = async () => {
    if (gone()) return;
    child.kill("SIGKILL");
    await exited;
    if (child.signalCode !== "SIGKILL") throw new Error(`Servern avslutades inte av SIGKILL (kod ${child.exitCode}, signal ${child.signalCode})`);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone()) throw new Error(`Servern avslutades (kod ${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Servern svarade inte på ${url}/halsa inom 30 s:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/halsa`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, output: () => output, kill9, stop };
}
