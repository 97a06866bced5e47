import dropTemplate from '../../support/global-teardown';

export default async function globalTeardown(): Promise<void> {
  await dropTemplate();
}
