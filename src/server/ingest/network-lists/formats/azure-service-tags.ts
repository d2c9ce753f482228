// Azure's Service Tags file, ServiceTags_Public_YYYYMMDD.json ("Azure IP Ranges and Service Tags –
// Public Cloud", https://www.microsoft.com/en-us/download/details.aspx?id=56519):
// { changeNumber, cloud: "Public", values: [{ name, id, properties: { addressPrefixes: [...] } }] }.
// Its URL changes every week: the download page links the current file, so the server reads the
// page and follows that link (azureFileLink), unless NETWORK_LISTS_URL_AZURE names the file itself.
import { z } from 'zod';
import { ListFormatError, parseJsonList } from '../list-format-error.ts';

const schema = z.object({
  changeNumber: z.number(),
  cloud: z.string(),
  values: z.array(z.object({ name: z.string(), properties: z.object({ addressPrefixes: z.array(z.string()) }) })),
});

export function parseAzureServiceTags(text: string): string[] {
  const list = parseJsonList(text, schema, "Azure's ServiceTags_Public JSON");
  return [...new Set(list.values.flatMap((tag) => tag.properties.addressPrefixes))];
}

export const AZURE_DOWNLOAD_PAGE = 'https://www.microsoft.com/en-us/download/details.aspx?id=56519';

const FILE_LINK = /https:\/\/download\.microsoft\.com\/download\/[\w./-]+\/ServiceTags_Public_\d{8}\.json/;

/** The current file's URL in the download page's HTML. */
export function azureFileLink(pageHtml: string): string {
  const link = FILE_LINK.exec(pageHtml)?.[0];
  if (link === undefined) throw new ListFormatError('the Azure download page links no ServiceTags_Public_YYYYMMDD.json file');
  return link;
}
