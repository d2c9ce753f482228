// Encrypted Word files made at test time: a generated .docx encrypted (ECMA-376 agile) either with
// Office's default key, as Office does when it encrypts without asking for a password, or with a
// real password that Glint cannot know.
import officeCrypto from 'officecrypto-tool';
import { makeDocx } from './make-documents.ts';

export const OFFICE_DEFAULT_KEY = 'VelvetSweatshop';

export async function makeEncryptedDocx(pages: number, password: string): Promise<Buffer> {
  return officeCrypto.encrypt(await makeDocx(pages), { password });
}
