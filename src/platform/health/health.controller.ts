import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Liveness and readiness: 200 when the database answers within a second, else 503. */
  @Get()
  @Public()
  @ApiOkResponse({ description: '{ "status": "ok", "database": "up" }' })
  @ApiServiceUnavailableResponse({ description: '{ "status": "error", "database": "down" }' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; database: string }> {
    const up = await Promise.race([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
    ]);
    if (!up) void reply.status(503);
    return { status: up ? 'ok' : 'error', database: up ? 'up' : 'down' };
  }
}
