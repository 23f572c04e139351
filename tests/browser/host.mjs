// A real Redress host for the browser tests: its own configuration and data in
// a temporary directory, the plugins built with the project, and tokens made
// with `redress token create`.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const need = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests through ctest`);
  return v;
};

export class Host {
  constructor(instances) {
    this.binary = need('REDRESS_TEST_BINARY');
    const source = need('REDRESS_TEST_SOURCE_DIR');
    this.dir = mkdtempSync(join(tmpdir(), 'redress-browser-'));
    this.config = join(this.dir, 'redress.json');
    writeFileSync(this.config, JSON.stringify({
      data_directory: join(this.dir, 'data'),
      plugins: { paths: [need('REDRESS_TEST_PLUGIN_DIR')] },
      http: { bind: '127.0.0.1', port: 0, threads: 4 },
      domain: {
        categories: `${source}/config/categories.json`, responsibility: `${source}/config/responsibility.json`,
        sla: `${source}/config/sla.json`, calendar: `${source}/config/calendars/cn-2026.json`,
      },
      instances,
    }, null, 2));
    this.log = '';
  }

  start() {
    this.process = spawn(this.binary, ['serve', '--config', this.config], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host did not start:\n${this.log}`)), 15000);
      const read = (chunk) => {
        this.log += chunk;
        const m = this.log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
        if (m && !this.port) {
          this.port = Number(m[1]);
          clearTimeout(timer);
          resolve(this);
        }
      };
      this.process.stdout.on('data', read);
      this.process.stderr.on('data', read);
      this.process.on('exit', (code) => reject(new Error(`the host exited (${code}):\n${this.log}`)));
    });
  }

  get url() { return `http://127.0.0.1:${this.port}`; }

  adminToken() { return readFileSync(join(this.dir, 'data', 'admin-token'), 'utf8').trim(); }

  createToken(name, role) {
    const out = execFileSync(this.binary, ['token', 'create', '--config', this.config, '--name', name, '--role', role], { encoding: 'utf8' });
    const token = out.match(/rdr_[A-Za-z0-9_-]+/);
    if (!token) throw new Error(`no token in: ${out}`);
    return token[0];
  }

  async api(method, path, token, body) {
    const res = await fetch(this.url + path, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
