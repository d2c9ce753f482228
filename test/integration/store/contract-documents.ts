// Store contract: tracked documents (owner and team visibility, search, conversions), their links
// (one per email and document) and viewer visits, and re-delivering a visit's event.
import { describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type { DocumentRecord } from '../../../src/server/store/store.ts';
import { ALICE, BOB, CAROL, at, documentRecord, emailRecord, hit, linkRecord, must, visitRecord } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const ids = (documents: readonly DocumentRecord[]): string[] => documents.map((document) => document.id);

export function documentContract(context: ContractContext): void {
  describe('documents', () => {
    it('stores a document and gives it back whole', async () => {
      const { store } = context;
      const document = documentRecord(ALICE, { shared: true, status: 'failed', failure: 'LibreOffice gave up', pageCount: 0 });
      await store.createDocument(document);
      expect(await store.getDocument(document.id)).toEqual(document);
      expect(await store.getDocument(mintId('document'))).toBeNull();
    });

    it("lists the user's own documents and their team's shared ones, newest first, up to the limit", async () => {
      const { store } = context;
      const own = documentRecord(ALICE, { createdAt: at(1000) });
      const teamShared = documentRecord(BOB, { shared: true, createdAt: at(3000) });
      const ownNewest = documentRecord(ALICE, { shared: true, createdAt: at(4000) });
      for (const document of [
        own,
        teamShared,
        ownNewest,
        documentRecord(BOB, { createdAt: at(2000) }),
        documentRecord(CAROL, { shared: true, createdAt: at(5000) }),
      ]) {
        await store.createDocument(document);
      }
      expect(ids(await store.listDocuments({ userId: ALICE.id, teamId: ALICE.teamId, limit: 10 }))).toEqual(
        ids([ownNewest, teamShared, own]),
      );
      expect(ids(await store.listDocuments({ userId: ALICE.id, teamId: ALICE.teamId, limit: 2 }))).toEqual(ids([ownNewest, teamShared]));
      expect(await store.listDocuments({ userId: CAROL.id, teamId: CAROL.teamId, limit: 10 })).toHaveLength(1);
    });

    it('searches title and file name, ignoring case and treating % and _ literally', async () => {
      const { store } = context;
      const pricing = documentRecord(ALICE, { title: 'Pricing 2026', originalName: 'deck.pptx', createdAt: at(1000) });
      const named = documentRecord(ALICE, { title: 'Overview', originalName: 'PRICING-sheet.pdf', createdAt: at(2000) });
      const percent = documentRecord(ALICE, { title: 'Discount 50% off', originalName: 'promo_a.pdf', createdAt: at(3000) });
      const windows = documentRecord(ALICE, { title: 'Setup', originalName: 'C:\\setup.docx', createdAt: at(500) });
      for (const document of [pricing, named, percent, windows]) await store.createDocument(document);
      const search = async (text: string): Promise<string[]> =>
        ids(await store.listDocuments({ userId: ALICE.id, teamId: ALICE.teamId, search: text, limit: 10 }));

      expect(await search('pricing')).toEqual(ids([named, pricing]));
      expect(await search('50%')).toEqual([percent.id]);
      expect(await search('%')).toEqual([percent.id]);
      expect(await search('o_a')).toEqual([percent.id]);
      expect(await search('_')).toEqual([percent.id]);
      expect(await search('g_2')).toEqual([]);
      expect(await search('\\')).toEqual([windows.id]);
      expect(await search(':\\S')).toEqual([windows.id]);
      expect(await search('nothing like it')).toEqual([]);
      expect(await search('   ')).toEqual(ids([percent, named, pricing, windows]));
    });

    it('lets only the owner change title and sharing; what is not given stays', async () => {
      const { store } = context;
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      expect(await store.updateDocument(document.id, BOB.id, { title: 'Mine' }, at(60_000))).toBeNull();
      expect(await store.getDocument(document.id)).toEqual(document);

      const renamed = { ...document, title: 'Pricing (final)', updatedAt: at(61_000) };
      expect(await store.updateDocument(document.id, ALICE.id, { title: 'Pricing (final)' }, at(61_000))).toEqual(renamed);
      const shared = { ...renamed, shared: true, updatedAt: at(62_000) };
      expect(await store.updateDocument(document.id, ALICE.id, { shared: true }, at(62_000))).toEqual(shared);
      expect(await store.getDocument(document.id)).toEqual(shared);
      expect(await store.updateDocument(mintId('document'), ALICE.id, { title: 'x' }, at(63_000))).toBeNull();
    });

    it('lets only the owner delete a document, which takes its links and visits with it', async () => {
      const { store } = context;
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      const { link } = await store.createDocumentLink(linkRecord(document, mintEmailToken()));
      const visit = visitRecord(link.token);
      await store.saveDocumentVisit(visit);

      expect(await store.deleteDocument(document.id, BOB.id)).toBeNull();
      expect(await store.getDocument(document.id)).toEqual(document);
      expect(await store.deleteDocument(document.id, ALICE.id)).toEqual(document);
      expect(await store.getDocument(document.id)).toBeNull();
      expect(await store.getDocumentLink(link.token)).toBeNull();
      expect(await store.getDocumentVisit(link.token, visit.visitId)).toBeNull();
      expect(await store.deleteDocument(document.id, ALICE.id)).toBeNull();
    });
  });

  describe('conversions', () => {
    it('lists converting documents oldest first until their conversion ends, once', async () => {
      const { store } = context;
      const slides = documentRecord(ALICE, { status: 'converting', pageCount: 0, createdAt: at(2000), updatedAt: at(2000) });
      const letter = documentRecord(BOB, { status: 'converting', pageCount: 0, createdAt: at(1000), updatedAt: at(1000) });
      await store.createDocument(slides);
      await store.createDocument(letter);
      await store.createDocument(documentRecord(ALICE));
      expect(ids(await store.listConvertingDocuments())).toEqual(ids([letter, slides]));

      const ready = { ...slides, status: 'ready', pageCount: 7, updatedAt: at(9000) };
      expect(await store.finishConversion(slides.id, { status: 'ready', pageCount: 7 }, at(9000))).toEqual(ready);
      const outcome = { status: 'failed', failureCode: 'memory_limit', failure: 'Too large to convert.' } as const;
      const failed = { ...letter, ...outcome, pageCount: 0, updatedAt: at(9500) };
      expect(await store.finishConversion(letter.id, outcome, at(9500))).toEqual(failed);
      expect(await store.listConvertingDocuments()).toEqual([]);
      // Ended once: a late second outcome changes nothing.
      expect(await store.finishConversion(slides.id, { ...outcome, failureCode: 'gave_up' }, at(9900))).toBeNull();
      expect(await store.getDocument(slides.id)).toEqual(ready);
    });

    it('keeps each failure code across a restart; a document failed before codes has none', async () => {
      const { store } = context;
      const timedOut = documentRecord(ALICE, { status: 'converting', pageCount: 0 });
      const unavailable = documentRecord(ALICE, { status: 'converting', pageCount: 0 });
      const older = documentRecord(ALICE, { status: 'failed', pageCount: 0, failure: 'An old sentence.' });
      for (const document of [timedOut, unavailable, older]) await store.createDocument(document);
      await store.finishConversion(timedOut.id, { status: 'failed', failureCode: 'conversion_timeout', failure: 'Too slow.' }, at(9000));
      await store.finishConversion(unavailable.id, { status: 'failed', failureCode: 'unavailable', failure: 'No LibreOffice.' }, at(9000));
      const reopened = await context.reopen();
      expect(await reopened.getDocument(timedOut.id)).toMatchObject({ failureCode: 'conversion_timeout', failure: 'Too slow.' });
      const listed = await reopened.listDocuments({ userId: ALICE.id, teamId: ALICE.teamId, limit: 10 });
      expect(listed.find((document) => document.id === unavailable.id)).toMatchObject({ status: 'failed', failureCode: 'unavailable' });
      expect(await reopened.getDocument(older.id)).toMatchObject({ status: 'failed', failureCode: null, failure: 'An old sentence.' });
    });

    it('ends no conversion of a document deleted meanwhile, and lists converting ones after a restart', async () => {
      const converting = documentRecord(ALICE, { status: 'converting', pageCount: 0 });
      const deleted = documentRecord(ALICE, { status: 'converting', pageCount: 0 });
      await context.store.createDocument(converting);
      await context.store.createDocument(deleted);
      await context.store.deleteDocument(deleted.id, ALICE.id);
      expect(await context.store.finishConversion(deleted.id, { status: 'ready', pageCount: 3 }, at(9000))).toBeNull();
      const store = await context.reopen();
      expect(await store.listConvertingDocuments()).toEqual([converting]);
    });
  });

  describe('document links', () => {
    it('makes one link per email and document: a second request gets the first link', async () => {
      const { store } = context;
      const document = documentRecord(ALICE);
      const other = documentRecord(ALICE, { title: 'Case study' });
      await store.createDocument(document);
      await store.createDocument(other);
      const emailToken = mintEmailToken();
      const first = linkRecord(document, emailToken, { expiresAt: at(900_000), requireEmail: true });
      expect(await store.createDocumentLink(first)).toEqual({ link: first, created: true });
      expect(await store.createDocumentLink(linkRecord(document, emailToken, { allowDownload: false }))).toEqual({
        link: first,
        created: false,
      });
      const second = linkRecord(other, emailToken);
      expect(await store.createDocumentLink(second)).toEqual({ link: second, created: true });
      const elsewhere = linkRecord(document, mintEmailToken());
      expect(await store.createDocumentLink(elsewhere)).toEqual({ link: elsewhere, created: true });

      expect(await store.getDocumentLink(first.token)).toEqual({ link: first, document });
      expect(await store.getDocumentLink(mintId('documentLink'))).toBeNull();
    });

    it('lets only the owner revoke, expire and change a link', async () => {
      const { store } = context;
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      const { link } = await store.createDocumentLink(linkRecord(document, mintEmailToken()));
      expect(await store.updateDocumentLink(link.token, BOB.id, { revoked: true }, at(70_000))).toBeNull();
      expect((await store.getDocumentLink(link.token))?.link).toEqual(link);

      const revoked = { ...link, revokedAt: at(71_000), expiresAt: at(99_000), allowDownload: false };
      expect(
        await store.updateDocumentLink(link.token, ALICE.id, { revoked: true, expiresAt: at(99_000), allowDownload: false }, at(71_000)),
      ).toEqual(revoked);
      // Revoking again keeps the first time; what is not given stays.
      expect(await store.updateDocumentLink(link.token, ALICE.id, { revoked: true }, at(72_000))).toEqual(revoked);
      const restored = { ...revoked, revokedAt: null, expiresAt: null, requireEmail: true };
      expect(
        await store.updateDocumentLink(link.token, ALICE.id, { revoked: false, expiresAt: null, requireEmail: true }, at(73_000)),
      ).toEqual(restored);
      expect((await store.getDocumentLink(link.token))?.link).toEqual(restored);
      expect(await store.updateDocumentLink(mintId('documentLink'), ALICE.id, { revoked: true }, at(74_000))).toBeNull();
    });
  });

  describe('document visits', () => {
    it('saves a visit, then its progress, keeping when it started', async () => {
      const { store } = context;
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      const { link } = await store.createDocumentLink(linkRecord(document, mintEmailToken(), { requireEmail: true }));
      const visit = visitRecord(link.token);
      await store.saveDocumentVisit(visit);
      expect(await store.getDocumentVisit(link.token, visit.visitId)).toEqual(visit);

      const progressed = {
        ...visit,
        startedAt: at(99_999),
        viewerEmail: 'reader@example.org',
        grantHash: 'cd'.repeat(32),
        lastAt: at(80_000),
        stateJson: JSON.stringify({ pages: { 1: 4.5, 2: 30 } }),
        openEventId: mintId('event'),
        pagesEventId: mintId('event'),
      };
      await store.saveDocumentVisit(progressed);
      expect(await store.getDocumentVisit(link.token, visit.visitId)).toEqual({ ...progressed, startedAt: visit.startedAt });
      expect(await store.getDocumentVisit(link.token, 'visit-unknown')).toBeNull();
    });

    it('finds a visit by the hash of its access grant, on its own link only', async () => {
      const { store } = context;
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      const { link } = await store.createDocumentLink(linkRecord(document, mintEmailToken()));
      const { link: otherLink } = await store.createDocumentLink(linkRecord(document, mintEmailToken()));
      const visit = visitRecord(link.token, { viewerEmail: 'reader@example.org', grantHash: 'ef'.repeat(32) });
      await store.saveDocumentVisit(visit);
      await store.saveDocumentVisit(visitRecord(link.token));
      expect(await store.findDocumentVisitByGrant(link.token, 'ef'.repeat(32))).toEqual(visit);
      expect(await store.findDocumentVisitByGrant(otherLink.token, 'ef'.repeat(32))).toBeNull();
      expect(await store.findDocumentVisitByGrant(link.token, '00'.repeat(32))).toBeNull();
    });
  });

  describe('re-delivering an event', () => {
    it("replaces an event's details and moves it to a new seq, so cursor reads deliver it again", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const pages = await store.appendEvent(hit(email.token, { kind: 'doc_pages', details: { pages: { 1: 4 } } }));
      const later = await store.appendEvent(hit(email.token, { at: at(21_000) }));

      const redelivered = must(await store.redeliverEvent(pages.id, { pages: { 1: 4, 2: 12 } }));
      expect(redelivered).toEqual({ ...pages, details: { pages: { 1: 4, 2: 12 } }, seq: expect.any(Number) });
      expect(redelivered.seq).toBeGreaterThan(later.seq);
      const again = await store.readFeed({ userId: ALICE.id, after: later.seq, limit: 10, includeMachine: false });
      expect(again.events.map((event) => [event.id, event.details])).toEqual([[pages.id, { pages: { 1: 4, 2: 12 } }]]);
      expect(await store.redeliverEvent(mintId('event'), { pages: {} })).toBeNull();
    });
  });
}
