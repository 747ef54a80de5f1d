import type { MigrationInterface, QueryRunner } from 'typeorm';
import { serviceRoles } from '@chibo/service-kit';

/**
 * The audit log of case reads is append-only: the app role may add rows and read them, never
 * change them (it has no DELETE anywhere). Written by hand: a grant is not an entity change.
 */
export class AppendOnlyCaseReads1795554000000 implements MigrationInterface {
  name = 'AppendOnlyCaseReads1795554000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE ON "inspection"."case_read" FROM "${serviceRoles('inspection').app}"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT UPDATE ON "inspection"."case_read" TO "${serviceRoles('inspection').app}"`);
  }
}
