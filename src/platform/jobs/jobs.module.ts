import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The pg-boss job queue, available to every module (see JobQueue). */
@Global()
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
