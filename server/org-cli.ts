import { parseArgs } from 'node:util';
import { Id } from '../sdk/schemas/common.ts';
import type { Db } from './db/database.ts';
import { DomainError } from './domain/domain-error.ts';
import { validate } from './domain/validate.ts';
import { createOrganization } from './organizations/create-organization.ts';
import { findOrganization } from './organizations/organization-repository.ts';
import { ALL_SCOPES, ApiKeyScope, createApiKey, listApiKeys, revokeApiKey } from './admin/api-keys.ts';
import { loadConfig, type Config } from './config/config.ts';
import { startDatabase } from './ops/start-database.ts';
import { createFirstOwner } from './admin/staff-users.ts';
import { StaffEmail } from '../sdk/schemas/staff.ts';

const USAGE = `Usage: npm run org -- <command> [options]

Organizations and their admin API keys, on the database \`npm start\` uses
(DATABASE_URL, or PGlite in DATA_DIR, default ./data; with PGlite stop the
server first: one process at a time). PUBLIC_URL gives the booking page's address.

Commands:
  create --subdomain <s> --name <n> --owner-email <e> [--owner-name <n>]
         [--locale nb|sv|en] [--time-zone Europe/Oslo]
      Create an organization with the standard settings and its first owner;
      prints its booking page, the staff console's address, the owner's
      one-time link to set a password (7 days; also e-mailed), and a first
      admin API key (every scope; shown once).
  list [--json]
      Every organization.
  key create --subdomain <s> --name <n> --scope read|write|messaging [--scope …]
      A new API key (shown once; only its hash is stored).
  key list --subdomain <s> [--json]
      The organization's keys: prefix, name, scopes, created, last used, revoked.
  key revoke --subdomain <s> --id <id>
      Revoke a key: from then on it answers 401.

Scopes: read (every GET), write (every other change), messaging (send and
cancel messages). Staff log in to the console with e-mail and password; the
owner invites the others there (README, "Staff roles").`;

const OPTIONS = {
  subdomain: { type: 'string' },
  name: { type: 'string' },
  'owner-email': { type: 'string' },
  'owner-name': { type: 'string' },
  locale: { type: 'string' },
  'time-zone': { type: 'string' },
  scope: { type: 'string', multiple: true },
  id: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A wrong command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

function required(values: Values, name: 'subdomain' | 'name' | 'id' | 'owner-email'): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function print(rows: Array<Record<string, string>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => row[c]!)));
}

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

/** What a command does with the open database. */
type Job = (db: Db, config: Config) => Promise<void>;

/**
 * Checks the command line and answers its job, before the database is opened:
 * a mistake fails at once, even while a server holds PGlite's directory.
 */
function plan(command: string[], values: Values): Job {
  const [verb, sub] = command;
  if (verb === 'create' && command.length === 1) {
    const subdomain = required(values, 'subdomain');
    const name = required(values, 'name');
    const ownerEmail = validate(StaffEmail, required(values, 'owner-email'), 'ownerEmail');
    return async (db, { publicUrl }) => {
      const { org, key, owner } = await db.transaction().execute(async (trx) => {
        const created = await createOrganization(trx, { subdomain, name, locale: values.locale as never, timeZone: values['time-zone'] });
        const org = await findOrganization(trx, created.subdomain);
        const owner = await createFirstOwner(trx, org, { email: ownerEmail, name: values['owner-name']?.trim() ?? '' }, new Date(), publicUrl);
        return { org, owner, key: await createApiKey(trx, org.id, 'admin', ALL_SCOPES) };
      });
      console.log(`Organization "${org.subdomain}" created (id ${org.id}).`);
      console.log(`Booking page: ${publicUrl}/o/${org.subdomain}/`);
      console.log(`Staff console: ${publicUrl}/admin/`);
      console.log(`First owner: ${owner.email}. Set the password with this one-time link (valid until ${when(owner.expiresAt)}; also e-mailed):`);
      console.log(owner.link);
      console.log(`Admin API key (shown once; scopes ${ALL_SCOPES.join(', ')}): ${key.key}`);
      console.log('Use it as "Authorization: Bearer <key>" on /api/v1/admin (README, "Admin API").');
    };
  }
  if (verb === 'list' && command.length === 1) {
    return async (db) => {
      const rows = await db.selectFrom('organizations').select(['id', 'subdomain', 'name', 'locale', 'time_zone', 'created_at']).orderBy('subdomain').execute();
      if (values.json) return void console.log(JSON.stringify(rows.map((r) => ({ id: r.id, subdomain: r.subdomain, name: r.name, locale: r.locale, timeZone: r.time_zone, createdAt: r.created_at }))));
      if (rows.length === 0) return void console.log('No organizations yet: npm run org -- create --subdomain <s> --name <n> --owner-email <e>');
      print(rows.map((r) => ({ subdomain: r.subdomain, name: r.name, locale: r.locale, 'time zone': r.time_zone, created: when(r.created_at), id: r.id })));
    };
  }
  if (verb === 'key' && command.length === 2 && (sub === 'create' || sub === 'list' || sub === 'revoke')) {
    const subdomain = required(values, 'subdomain');
    if (sub === 'create') {
      if (!values.scope?.length) throw new UsageError('give at least one --scope (read, write, messaging)');
      const scopes = values.scope.map((s) => validate(ApiKeyScope, s, 'scope'));
      const name = required(values, 'name');
      return async (db) => {
        const org = await findOrganization(db, subdomain);
        const key = await createApiKey(db, org.id, name, scopes);
        console.log(`API key "${name}" (id ${key.id}; scopes ${[...new Set(scopes)].join(', ')}), shown once:`);
        console.log(key.key);
      };
    }
    if (sub === 'list') {
      return async (db) => {
        const org = await findOrganization(db, subdomain);
        const keys = await listApiKeys(db, org.id);
        if (values.json) return void console.log(JSON.stringify(keys));
        if (keys.length === 0) return void console.log(`No API keys for "${org.subdomain}".`);
        print(keys.map((k) => ({ id: k.id, prefix: k.prefix || '(none)', name: k.name, scopes: k.scopes.join(','), created: when(k.createdAt), 'last used': when(k.lastUsedAt), revoked: when(k.revokedAt) })));
      };
    }
    const id = validate(Id, required(values, 'id'), 'id');
    return async (db) => {
      const org = await findOrganization(db, subdomain);
      if (!(await revokeApiKey(db, org.id, id))) throw new DomainError('not_found', { detail: `"${org.subdomain}" has no key ${id} that is not already revoked` });
      console.log(`API key ${id} revoked.`);
    };
  }
  throw new UsageError(command.length ? `unknown command "${command.join(' ')}"` : 'give a command');
}

function describe(error: unknown): string {
  if (error instanceof DomainError) {
    const issues = error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
    return issues || error.detail || error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `npm run org`: exit code 0 on success, 1 on any error (message on stderr). */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`error: ${describe(error)}\n\n${USAGE}`);
    return 1;
  }
  if (parsed.values.help || parsed.positionals.length === 0) {
    console.log(USAGE);
    return parsed.values.help ? 0 : 1;
  }
  let job: Job;
  try {
    job = plan(parsed.positionals, parsed.values);
  } catch (error) {
    console.error(`error: ${describe(error)}${error instanceof UsageError ? `\n\n${USAGE}` : ''}`);
    return 1;
  }
  let config: Config;
  let database;
  try {
    config = loadConfig(process.env);
    database = (await startDatabase(config, { migrate: true })).database;
  } catch (error) {
    console.error(`error: ${describe(error)}`);
    return 1;
  }
  try {
    await job(database.db, config);
    return 0;
  } catch (error) {
    console.error(`error: ${describe(error)}${error instanceof UsageError ? `\n\n${USAGE}` : ''}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
