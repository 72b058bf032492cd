import { randomBytes } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import { Command, Option } from 'commander';
import { systemActor } from './core/audit/actor.js';
import { verifyAuditTrail } from './core/audit/verify.js';
import { ConfigError, loadConfig, type Config } from './core/config.js';
import { MigrationError } from './core/db/migrate.js';
import { EmbeddedDatabaseError } from './core/db/embedded.js';
import { AppError } from './core/http/errors.js';
import { fieldRuleMessages } from './core/http/field-rules.js';
import type { Kernel } from './core/kernel.js';
import { format } from './core/i18n/locale.js';
import { createLogger } from './core/logger.js';
import { createUser, findUserIdByUsername, resetPassword } from './core/users/service.js';
import { version } from './core/version.js';
import { modules } from './modules.js';
import { demoAccountLines } from './modules/layanan/demo.js';
import { seedDemo } from './registry/demo/seed.js';
import { openKernel, startServer } from './server.js';
import { imporCli } from './integration/impor/cli.js';

const program = new Command('padu')
  .description('Padu: the integrated platform of Pemerintah Kota Padang. Settings come from environment variables (see README.md).')
  .version(version);

async function withKernel<T>(run: (kernel: Kernel, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const kernel = await openKernel(config, { attachToRunning: true, log: createLogger(process.env.PADU_LOG_LEVEL || 'warn') });
  try {
    return await run(kernel, config);
  } finally {
    await kernel.database.close();
  }
}

program
  .command('serve')
  .description('Start the web server (and its embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    const server = await startServer(config, { log });
    closeWithGrace({ delay: 15_000, logger: { error: (m: unknown) => log.error(m) } }, async ({ signal, err }) => {
      if (err) log.error({ err }, 'stopping after an unexpected error');
      else log.info({ signal }, 'stopping: finishing requests in flight');
      await server.close();
    });
    const lines = [``, `Padu ${version} berjalan di ${server.url}  (database: ${server.kernel.database.kind})`];
    if (server.firstAdmin) {
      lines.push(`Akun admin pertama dibuat. Masuk dengan nama pengguna "${server.firstAdmin.username}"`);
      lines.push(
        server.firstAdmin.generatedPassword
          ? `dan kata sandi: ${server.firstAdmin.generatedPassword}   (ditampilkan sekali ini saja; simpan baik-baik)`
          : 'dan kata sandi dari PADU_ADMIN_PASSWORD.',
      );
    }
    // The demo data was seeded with this new database (server.ts): name its accounts.
    if (server.firstAdmin && config.demoData) lines.push(...(await demoAccountLines(server.kernel)));
    lines.push(`Dokumentasi API: ${server.url}/api/docs   Berhenti: Ctrl+C`, ``);
    process.stdout.write(lines.join('\n') + '\n');
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    await withKernel(async () => {
      process.stdout.write('Migrasi database selesai (database is up to date).\n');
    });
  });

function parseRole(value: string, previous: { role: string; scopeCode?: string }[] = []) {
  const [role, scopeCode] = value.split(':');
  return [...previous, { role: role ?? '', ...(scopeCode ? { scopeCode } : {}) }];
}

const user = program.command('user').description('Manage sign-in accounts');

user
  .command('add <username>')
  .description('Create a user; prints the password when none is given')
  .requiredOption('-n, --name <displayName>', 'display name')
  .option('-e, --email <email>', 'e-mail address')
  .option('-p, --password <password>', 'initial password (default: a random one, printed once)')
  .addOption(
    new Option('-r, --role <role[:scope]>', 'role grant, repeatable, e.g. admin, opd_operator:1.02.0.00.0.00.01.0000, lurah:13.71.01.1001')
      .argParser(parseRole)
      .default([]),
  )
  .action(async (username: string, options: { name: string; email?: string; password?: string; role: { role: string; scopeCode?: string }[] }) => {
    const password = options.password ?? randomBytes(12).toString('base64url');
    await withKernel(async (kernel) => {
      const created = await createUser(kernel, systemActor('cli'), {
        username,
        displayName: options.name,
        email: options.email ?? null,
        password,
        roles: options.role,
      });
      process.stdout.write(`Pengguna "${created.username}" dibuat (id ${created.id}).\n`);
      if (!options.password) process.stdout.write(`Kata sandi: ${password}\n`);
    });
  });

user
  .command('reset-password <username>')
  .description("Set a new password and end the user's sessions; prints it when none is given")
  .option('-p, --password <password>', 'new password (default: a random one, printed once)')
  .action(async (username: string, options: { password?: string }) => {
    const password = options.password ?? randomBytes(12).toString('base64url');
    await withKernel(async (kernel) => {
      const id = await findUserIdByUsername(kernel.db, username);
      if (!id) throw new AppError('user.not_found', { id: username });
      await resetPassword(kernel, systemActor('cli'), id, password);
      process.stdout.write(`Kata sandi "${username}" diganti; semua sesinya diakhiri.\n`);
      if (!options.password) process.stdout.write(`Kata sandi baru: ${password}\n`);
    });
  });

program
  .command('audit')
  .description('Audit trail tools')
  .command('verify')
  .description('Recompute the hash chain; exits 1 and names the first bad entry when the trail was tampered with')
  .action(async () => {
    const result = await withKernel((kernel) => verifyAuditTrail(kernel.db));
    if (result.ok) {
      process.stdout.write(`Jejak audit utuh: ${result.checked} entri diperiksa (audit trail intact).\n`);
    } else {
      process.stderr.write(`Jejak audit RUSAK pada entri ${result.firstBadSeq}: ${result.reason} (${result.checked} entri sebelumnya utuh).\n`);
      process.exitCode = 1;
    }
  });

program
  .command('seed-demo')
  .description('Add the deterministic Kota Padang demo data (small: seconds; city: ~12,000 employees and ~900,000 residents)')
  .addOption(new Option('-s, --scale <scale>', 'how much').choices(['small', 'city']).default('small'))
  .action(async (options: { scale: 'small' | 'city' }) => {
    const { seeded, akun } = await withKernel(async (kernel) => {
      for (const module of modules) await module.start?.(kernel);
      const seeded = await seedDemo(kernel, options.scale, (module, seconds) => process.stdout.write(`  ${module.padEnd(12)} ${seconds.toFixed(1)} s\n`));
      return { seeded, akun: await demoAccountLines(kernel) };
    });
    process.stdout.write(`Data demo (${options.scale}) ditambahkan: ${seeded.join(', ') || '-'}\n`);
    if (akun.length > 0) process.stdout.write(`${akun.join('\n')}\n`);
  });

program
  .command('impor [berkas]')
  .description('Import a legacy export (CSV, XLSX, JSON) into the registry: dry-run, then apply in batches with progress')
  .option('-a, --aplikasi <kode>', 'source app of the catalogue')
  .option('-d, --dataset <dataset>', 'target dataset: penduduk (NIK), pegawai (NIP) or organisasi (kode OPD)')
  .option('-p, --pemetaan <file.json>', 'column mapping {"header": "field"} (default: suggested / saved)')
  .option('--uji', 'dry-run only')
  .option('--id <impor>', 'resume or watch an import already queued')
  .action(async (berkas: string | undefined, options: { aplikasi?: string; dataset?: string; pemetaan?: string; uji?: boolean; id?: string }) => {
    const code = await withKernel(async (kernel) => {
      for (const module of modules) await module.start?.(kernel);
      try {
        return await imporCli(kernel, berkas, options);
      } finally {
        for (const module of [...modules].reverse()) await module.stop?.(kernel);
      }
    });
    process.exitCode = code;
  });

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const details = error.violations.map((v) => `  ${v.field}: ${format(fieldRuleMessages[v.rule].en, v.params)}`);
    return [`${error.code} ${JSON.stringify(error.params)}`, ...details].join('\n');
  }
  if (error instanceof ConfigError || error instanceof MigrationError || error instanceof EmbeddedDatabaseError) return error.message;
  return (error as Error)?.stack ?? String(error);
}

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`padu: ${describe(error)}\n`);
  process.exit(2);
});
