import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScopes } from '../../auth/auth.decorators';
import { AppError } from '../../platform/errors/app-error';
import { CreateManifestDto, ManifestDocumentQuery, ManifestView } from './manifest.dto';
import { ManifestService } from './manifest.service';

const MANIFEST_ID = /^man_[0-9a-z]{26}$/;

@ApiTags('Manifests')
@Controller('v1/manifests')
export class ManifestsController {
  constructor(private readonly manifests: ManifestService) {}

  /**
   * Closes the day for a carrier. Answers the manifest as JSON with links to its PDF and CSV, or the
   * document itself when the client asks for it with `Accept: application/pdf` or `text/csv`.
   */
  @Post()
  @RequireScopes('shipments')
  @ApiHeader({ name: 'Accept', required: false, description: 'application/json (default), application/pdf or text/csv' })
  @ApiProduces('application/json', 'application/pdf', 'text/csv')
  @ApiCreatedResponse({ type: ManifestView, description: '409 NOTHING_TO_MANIFEST when no booked parcel of that carrier and day is waiting' })
  async create(@Body() body: CreateManifestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ManifestView | Buffer> {
    const manifest = await this.manifests.create(body.carrier, body.date);
    void reply.status(201).header('Location', `/v1/manifests/${manifest.id}`);
    const wanted = /application\/pdf/.test(accept ?? '') ? 'pdf' : /text\/csv/.test(accept ?? '') ? 'csv' : undefined;
    if (!wanted) return manifest;
    const file = await this.manifests.document(manifest.id, wanted);
    void reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.data;
  }

  @Get(':id')
  @RequireScopes('shipments')
  @ApiOkResponse({ type: ManifestView })
  get(@Param('id') id: string): Promise<ManifestView> {
    return this.manifests.get(checkId(id));
  }

  @Get(':id/document')
  @RequireScopes('shipments')
  @ApiProduces('application/pdf', 'text/csv')
  @ApiOkResponse({ description: 'The manifest as PDF (to sign at hand-over) or CSV (one row per parcel)' })
  async document(@Param('id') id: string, @Query() query: ManifestDocumentQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.manifests.document(checkId(id), query.format ?? 'pdf');
    void reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`).header('Cache-Control', 'private, no-store');
    return file.data;
  }
}

function checkId(id: string): string {
  if (!MANIFEST_ID.test(id)) throw AppError.notFound(`Manifest ${id}`);
  return id;
}
