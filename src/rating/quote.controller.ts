import { Body, Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/auth.decorators';
import { CreateQuoteDto } from './quote-request.dto';
import { QuoteRequestPipe } from './quote-request.pipe';
import { QuoteApiView } from './quote.view';
import { QuoteService } from './quote.service';

@ApiTags('Quotes')
@Controller('v1/quotes')
export class QuoteController {
  constructor(private readonly quotes: QuoteService) {}

  /** Every eligible carrier service with price, duties and taxes, delivery window and tags; and why the others are out. */
  @Post()
  @HttpCode(200)
  @Header('content-type', 'application/json; charset=utf-8')
  @RequireScopes('quotes')
  @ApiBody({ type: CreateQuoteDto })
  @ApiOkResponse({ type: QuoteApiView })
  create(@Body(QuoteRequestPipe) body: unknown, @Req() request: FastifyRequest): Promise<Buffer> {
    // `unknown` keeps the global pipe away: QuoteRequestPipe validates structure and reference data in one pass.
    // The JSON stored is the JSON sent: serialised once.
    return this.quotes.createSerialized(body as CreateQuoteDto, request.principal?.keyId);
  }

  @Get(':id')
  @Header('content-type', 'application/json; charset=utf-8')
  @RequireScopes('quotes')
  @ApiOkResponse({ type: QuoteApiView })
  @ApiNotFoundResponse({ description: 'QUOTE_NOT_FOUND' })
  @ApiGoneResponse({ description: 'QUOTE_EXPIRED: the quote is past expiresAt' })
  get(@Param('id') id: string): Promise<string> {
    return this.quotes.getSerialized(id);
  }
}
