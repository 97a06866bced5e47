import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyService } from './api-key.service';
import { RequireScopes } from './auth.decorators';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKeyView } from './api-key.dto';

function view(e: ApiKeyEntity): ApiKeyView {
  return {
    id: e.id,
    name: e.name,
    prefix: e.prefix,
    scopes: e.scopes,
    source: e.source,
    createdAt: new Date(e.createdAt ?? Date.now()).toISOString(),
    revokedAt: e.revokedAt ? e.revokedAt.toISOString() : null,
    lastUsedAt: e.lastUsedAt ? e.lastUsedAt.toISOString() : null,
  };
}

@ApiTags('API keys')
@Controller('v1/api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @RequireScopes('admin')
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const { entity, key } = await this.keys.create(body.name, body.scopes);
    return { ...view(entity), key };
  }

  @Get()
  @RequireScopes('admin')
  @ApiOkResponse({ type: ApiKeyView, isArray: true })
  async list(): Promise<{ data: ApiKeyView[] }> {
    return { data: (await this.keys.list()).map(view) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('admin')
  async revoke(@Param('id') id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
