import { Module } from '@nestjs/common';
import { LabelConverter } from './conversion/label-converter';

/**
 * Label and customs-document rendering is plain TypeScript (`labels/`, `customs/`); this module only
 * provides the converter, whose rasterizers wrap an outside program (pdftoppm) and a WebAssembly
 * module, so one instance per process shares the loaded renderer.
 */
@Module({
  providers: [{ provide: LabelConverter, useFactory: () => new LabelConverter() }],
  exports: [LabelConverter],
})
export class DocumentsModule {}
