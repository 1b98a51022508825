import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../server/common/errors.js';
import { converted, sql } from '../../server/common/sql.js';
import { initORM, type ORM } from '../../server/db.js';
import { FollowUpCase } from '../../server/modules/follow-ups/follow-up.entity.js';
import { freshDatabase } from '../support/testApp.js';

/**
 * Raw statements skip MikroORM's exception conversion (only find, flush and em.execute convert). The one
 * helper, server/common/sql.ts, converts the driver's error, so formatError sees the same typed exception
 * as from the ORM: a bad id is BAD_USER_INPUT, a duplicate CONFLICT, not an internal error.
 */
let orm: ORM;
let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase();
  orm = await initORM(database.url, { debug: false });
});

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

/** What a GraphQL client would be told for an error thrown in a resolver. */
const told = (error: unknown) => formatError({ message: 'x' }, new GraphQLError('x', { originalError: error instanceof Error ? error : undefined }), true).extensions;
const failure = (pending: Promise<unknown>) => pending.then(() => expect.fail('the statement should have failed'), (error: unknown) => error);

describe('raw SQL through server/common/sql.ts', () => {
  it('an id that is not a UUID: unconverted an internal error, through sql BAD_USER_INPUT (INVALID_VALUE)', async () => {
    const em = orm.em.fork();
    const query = 'select id from follow_up_case where id = ?';
    const raw = await failure(em.getConnection().execute(query, ['not-a-uuid']));
    expect(raw).not.toBeInstanceOf(DriverException);
    expect(told(raw)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });

    const viaHelper = await failure(sql(em, query, ['not-a-uuid']));
    expect(viaHelper).toBeInstanceOf(DriverException);
    expect(told(viaHelper)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
  });

  it('a duplicate key is the ORM’s UniqueConstraintViolationException, told as CONFLICT', async () => {
    const em = orm.em.fork();
    const insert = `insert into company_settings (id, currency, updated_at) values (1, 'DKK', now())`;
    await sql(em, `${insert} on conflict (id) do nothing`, [], 'run');
    const error = await failure(sql(em, insert, [], 'run'));
    expect(error).toBeInstanceOf(UniqueConstraintViolationException);
    expect(told(error)).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
  });

  it('a query builder wrapped in converted: the same conversion', async () => {
    const em = orm.em.fork();
    const qb = em.createQueryBuilder(FollowUpCase).select('id').where({ id: 'not-a-uuid' });
    const error = await failure(converted(em, qb.execute('all', false)));
    expect(error).toBeInstanceOf(DriverException);
    expect(told(error)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
  });

  it('answers rows with "all" and the affected count with "run"', async () => {
    const em = orm.em.fork();
    await sql(em, `insert into company_settings (id, currency, updated_at) values (1, 'DKK', now()) on conflict (id) do nothing`, [], 'run');
    expect(await sql<{ currency: string }[]>(em, 'select currency from company_settings where id = ?', [1])).toEqual([{ currency: 'DKK' }]);
    expect((await sql(em, 'update company_settings set currency = ? where id in (?)', ['DKK', [1, 2]], 'run')).affectedRows).toBe(1);
  });

  it('inside a transaction the statement is part of it: rolled back with it', async () => {
    const before = await sql<{ n: number }[]>(orm.em.fork(), 'select count(*)::int as n from audit_event');
    await failure(
      orm.em.fork().transactional(async (tx) => {
        await sql(tx, `insert into audit_event (at, action, detail) values (now(), 'RAW_SQL_TEST', '{}'::jsonb)`, [], 'run');
        expect(await sql<{ n: number }[]>(tx, 'select count(*)::int as n from audit_event')).toEqual([{ n: before[0]!.n + 1 }]);
        throw new Error('roll back');
      }),
    );
    expect(await sql<{ n: number }[]>(orm.em.fork(), 'select count(*)::int as n from audit_event')).toEqual(before);
  });
});
