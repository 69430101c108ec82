// Page object for Cairn's main window: every selector the UI specs use lives here, by role and label.
import { expect, type Locator, type Page } from '@playwright/test';

/** The one-line metadata fields of the details pane, by their labels. */
type FieldLabel = 'Title' | 'Date' | 'Place' | 'Creator' | 'Publisher' | 'Type' | 'Identifier' | 'Language' | 'Source' | 'Rights';

export class MainWindow {
  readonly page: Page;
  readonly search: Locator;
  readonly recordList: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly reader: Locator;
  readonly details: Locator;
  readonly saveStatus: Locator;
  readonly tagInput: Locator;
  readonly importInput: Locator;
  readonly importButton: Locator;
  readonly exportButton: Locator;
  readonly archiveMenuButton: Locator;
  readonly toasts: Locator;

  constructor(page: Page) {
    this.page = page;
    this.search = page.getByRole('searchbox', { name: 'Search records' });
    this.recordList = page.getByRole('listbox', { name: 'Records' });
    this.rows = this.recordList.getByRole('option');
    this.count = page.getByRole('region', { name: 'Record list' }).getByRole('status');
    this.reader = page.getByRole('region', { name: 'Reader' });
    this.details = page.getByRole('region', { name: 'Details' });
    this.saveStatus = this.details.getByRole('status');
    this.tagInput = this.details.getByRole('combobox', { name: 'Add tag' });
    this.importInput = page.getByLabel('Import files');
    this.importButton = page.getByRole('button', { name: 'Import…' });
    this.exportButton = page.getByRole('button', { name: /^Export/ });
    this.archiveMenuButton = page.getByRole('button', { name: /^Archive/ });
    this.toasts = page.getByRole('status', { name: 'Notifications' });
  }

  /** Opens the address Cairn printed and waits until the list has loaded. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.count).toHaveText(/\d+ records?/);
  }

  /** Settings (Ctrl+,): picks the interface language by its own name and closes the dialog. */
  async chooseLanguage(name: 'English' | 'Русский'): Promise<void> {
    await this.page.keyboard.press('Control+,');
    const settings = this.page.getByRole('dialog');
    await settings.getByRole('radio', { name, exact: true }).check();
    await expect(this.page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'ru');
    await settings.getByRole('button', { name: name === 'English' ? 'Close' : 'Закрыть', exact: true }).click();
    await expect(settings).toBeHidden();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.count).toHaveText(/\d+ records?/);
  }

  row(title: string | RegExp): Locator {
    return this.rows.filter({ hasText: title });
  }

  selectedRow(): Locator {
    return this.recordList.getByRole('option', { selected: true });
  }

  /** The reader's heading: the selected record's title. */
  readerTitle(): Locator {
    return this.reader.getByRole('heading', { level: 2 });
  }

  async select(title: string | RegExp): Promise<void> {
    await this.row(title).click();
    await expect(this.readerTitle()).toHaveText(title);
  }

  field(label: FieldLabel | 'Description' | 'Status'): Locator {
    return this.details.getByLabel(label, { exact: true });
  }

  fieldError(label: string): Locator {
    return this.details.locator(`#field-${label.toLowerCase()}-error`);
  }

  /** Types a new value into a field and presses Enter, then waits for "Saved". */
  async edit(label: FieldLabel, value: string): Promise<void> {
    const field = this.field(label);
    await field.fill(value);
    await field.press('Enter');
    await expect(this.saveStatus).toHaveText('Saved');
  }

  tagChips(): Locator {
    return this.details.getByRole('list', { name: 'Tags' }).getByRole('listitem');
  }

  /** The record's tag chip that shows exactly `name` (a tag's own level; its whole path is its title). */
  tagChip(name: string): Locator {
    return this.tagChips().filter({ has: this.page.getByText(name, { exact: true }) });
  }

  removeTagButton(tag: string): Locator {
    return this.details.getByRole('button', { name: `Remove tag ${tag}` });
  }

  tagSuggestion(name: string | RegExp): Locator {
    return this.details.getByRole('listbox', { name: 'Tag suggestions' }).getByRole('option', { name });
  }

  async addTag(tag: string): Promise<void> {
    await this.tagInput.fill(tag);
    await this.tagInput.press('Enter');
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** The notes above the panes: unreadable files, records that cannot be changed, a read-only archive. */
  notices(): Locator {
    return this.page.getByRole('note');
  }

  /** What the search box says is wrong with the query typed (its accessible description). */
  queryProblem(): Locator {
    return this.page.locator('#query-problem');
  }

  /** The search syntax popover, opened from the "?" in the search box. */
  async openSearchSyntax(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Search syntax' }).click();
    return this.page.getByRole('dialog', { name: 'How to search' });
  }

  /** The search's words as the reader highlights them. */
  readerHits(): Locator {
    return this.reader.locator('mark.hit');
  }

  /** The reader's count of search hits, with its previous/next buttons. */
  readerHitBar(): Locator {
    return this.reader.getByRole('group', { name: 'Search hits in this record' });
  }

  /** Opens the Refine panel beside the list: facets whose counts follow the search. */
  async openRefine(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Refine' }).click();
    return this.page.getByRole('group', { name: 'Refine the list' });
  }

  emptyState(): Locator {
    return this.page.getByText(/^No records match/);
  }

  /** The "Clear search" button of the no-results message (the search box has its own). */
  emptyStateClearButton(): Locator {
    return this.page.getByRole('region', { name: 'Record list' }).getByRole('button', { name: 'Clear search' });
  }

  async importFiles(paths: string[]): Promise<void> {
    await this.importInput.setInputFiles(paths);
  }

  /** Chooses a folder to import, as the folder picker of "Import a folder…" does: every file in it, with its path. */
  async importFolder(folder: string): Promise<void> {
    await this.page.getByLabel('Choose a folder to import').setInputFiles(folder);
  }

  importProgress(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^Importing \d+ of \d+/ });
  }

  /**
   * Drags files (name → text) over the window, as a person dragging them from a file manager, and
   * drops them unless `drop` is false. Chromium cannot be driven by a real OS drag here, so the
   * page receives the same events with a real DataTransfer holding real File objects.
   */
  async dragFiles(files: Record<string, string>, options: { drop?: boolean } = {}): Promise<void> {
    await this.page.evaluate(
      ({ files, drop }) => {
        const data = new DataTransfer();
        for (const [name, text] of Object.entries(files)) data.items.add(new File([text], name, { type: 'text/plain' }));
        const fire = (type: string) => document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
        fire('dragenter');
        fire('dragover');
        if (drop) fire('drop');
      },
      { files, drop: options.drop ?? true },
    );
  }

  /** What the window shows while files are dragged over it: an invitation to drop, or why not. */
  dropInvitation(): Locator {
    return this.page.getByText('Drop .txt files to import');
  }

  dropRefusal(): Locator {
    return this.page.getByText('Nothing can be imported into this archive');
  }

  importReport(): Locator {
    return this.page.getByRole('dialog', { name: 'Import finished' });
  }

  /** The review queue's toggle in the list's bar, and its progress ("2 of 5 reviewed"). */
  get reviewQueueButton(): Locator {
    return this.page.getByRole('button', { name: 'Review queue' });
  }

  queueProgress(): Locator {
    return this.page.getByRole('region', { name: 'Record list' }).getByRole('status').filter({ hasText: /reviewed/ });
  }

  /** The open dialog by its title ("Mark reviewed", "Flag as needing work", "History of …"). */
  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Change all…: the dialog that changes every record the list shows, as one step. */
  async openChangeAll(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Change all…' }).click();
    const dialog = this.dialog(/^Change the (\d+ records|record) shown$/);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Change all…: adds a tag to every record the list shows, as one step. */
  async tagAllShown(tag: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Change all…' }).click();
    const dialog = this.dialog(/^Change the (\d+ records|record) shown$/);
    await dialog.getByRole('combobox', { name: 'Tag', exact: true }).fill(tag);
    await dialog.getByRole('button', { name: /^Add to/ }).click();
    await expect(dialog).toBeHidden();
  }

  /** The bar that says how many records are picked together (Ctrl/Shift+click, Ctrl+A). */
  picked(): Locator {
    return this.page.getByRole('region', { name: 'Record list' }).getByRole('toolbar', { name: /selected/ });
  }

  /** The saved searches above the list. */
  savedSearches(): Locator {
    return this.page.getByRole('group', { name: 'Saved searches' });
  }

  /** A saved search's button (its name and count), by its name. */
  savedSearch(name: string): Locator {
    return this.savedSearches().getByRole('button', { name: new RegExp(`^${name} `) });
  }

  /** Saves the query the list shows under `name`. */
  async saveSearch(name: string): Promise<void> {
    await this.savedSearches().getByRole('button', { name: 'Save this search…' }).click();
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  /** Archive › Tags and vocabularies…: the tag manager. */
  async openTagManager(): Promise<Locator> {
    const menu = await this.openArchiveMenu();
    await menu.getByRole('menuitem', { name: 'Tags and vocabularies…' }).click();
    const dialog = this.dialog('Tags and vocabularies');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** A tag in the tag manager's tree, by its own name (the level shown). */
  tagInManager(dialog: Locator, name: string): Locator {
    return dialog.getByRole('listbox', { name: 'The archive’s tags' }).getByRole('option').filter({ has: this.page.locator('.name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  }

  toast(text: string | RegExp): Locator {
    return this.toasts.getByRole('group').filter({ hasText: text });
  }

  async openArchiveMenu(): Promise<Locator> {
    await this.archiveMenuButton.click();
    const menu = this.page.getByRole('menu', { name: 'Archive' });
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Archive › New archive… in `folder`, waiting for its empty list. */
  async createArchive(folder: string): Promise<void> {
    const menu = await this.openArchiveMenu();
    await menu.getByRole('menuitem', { name: 'New archive…' }).click();
    const dialog = this.archiveDialog('New archive');
    await dialog.getByLabel('Folder').fill(folder);
    await dialog.getByRole('button', { name: 'Create archive' }).click();
    await expect(this.count).toHaveText('0 records');
  }

  archiveDialog(name: 'New archive' | 'Open archive'): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Archive › Open archive…, a folder typed in, opened. */
  async openArchiveAt(folder: string): Promise<void> {
    const menu = await this.openArchiveMenu();
    await menu.getByRole('menuitem', { name: 'Open archive…' }).click();
    const dialog = this.archiveDialog('Open archive');
    await dialog.getByLabel('Folder').fill(folder);
    await dialog.getByRole('button', { name: 'Open archive' }).click();
    await expect(dialog).toBeHidden();
  }

  // Backups and recovery

  /** Settings (Ctrl+,) with its Backups section, once the list has loaded. */
  async openBackups(): Promise<{ settings: Locator; list: Locator }> {
    await this.page.keyboard.press('Control+,');
    const settings = this.page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('heading', { name: 'Backups' })).toBeVisible();
    return { settings, list: settings.getByRole('list', { name: 'Backups, newest first' }) };
  }

  /** Settings › Backups › Back up now, waited for, and Settings closed again. */
  async backUpNow(): Promise<void> {
    const { settings, list } = await this.openBackups();
    await settings.getByRole('button', { name: 'Back up now' }).click();
    await expect(list.getByRole('listitem')).not.toHaveCount(0);
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
  }

  /** Archive › Verify archive…: the dialog, once its check has finished. */
  async verifyArchive(): Promise<Locator> {
    const menu = await this.openArchiveMenu();
    await menu.getByRole('menuitem', { name: 'Verify archive…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Verify archive' });
    await expect(dialog.getByRole('progressbar')).toBeHidden();
    return dialog;
  }

  /** The banner's Repair archive… (an archive whose description is damaged): the dialog that says how, before anything is done. */
  async repairArchive(banner: Locator): Promise<Locator> {
    await banner.getByRole('button', { name: 'Repair archive…' }).click();
    const dialog = this.page.getByRole('dialog', { name: "Repair the archive's description" });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** The banner that lists changes not saved because the disk failed, with Try again now and Save a copy elsewhere…. */
  get unsavedBanner(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /not saved:/ });
  }

  /** The dialog an archive opened with damaged files shows on its own. */
  get recoveryDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Damaged files' });
  }

  // Annotating

  /** Selects words in the reader's text as a person would with the mouse (the n-th time they occur). */
  async selectWords(words: string, occurrence = 1): Promise<void> {
    const found = await this.reader.getByRole('article').evaluate(
      (article, [w, n]) => {
        const text = article.querySelector('[data-start]')?.parentElement?.parentElement;
        if (!text) return false;
        const whole = text.textContent ?? '';
        let at = -1;
        for (let i = 0; i < n; i++) at = whole.indexOf(w, at + 1);
        if (at < 0) return false;
        // Find the text nodes holding the start and the end of the words.
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0;
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const next = seen + node.data.length;
          if (at >= seen && at < next) range.setStart(node, at - seen);
          if (at + w.length > seen && at + w.length <= next) {
            range.setEnd(node, at + w.length - seen);
            break;
          }
          seen = next;
        }
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      },
      [words, occurrence] as const,
    );
    expect(found, `“${words}” is in the text`).toBe(true);
    await expect(this.selectionBar()).toContainText(words.slice(0, 40));
  }

  selectionBar(): Locator {
    return this.reader.getByRole('toolbar', { name: 'Selected words' });
  }

  /** Annotates the selected words with the A key: a note and tags, saved. */
  async annotateSelection(note: string, tags: string[] = []): Promise<void> {
    await this.page.keyboard.press('a');
    const dialog = this.dialog('Annotate the passage');
    await dialog.getByRole('textbox', { name: /Note/ }).fill(note);
    if (tags.length) await dialog.getByRole('combobox', { name: /Tags/ }).fill(tags.join(', '));
    await dialog.getByRole('button', { name: 'Save annotation' }).click();
    await expect(dialog).toBeHidden();
  }

  /** The highlight an annotation starts with, by the start of its words. */
  highlight(words: string): Locator {
    return this.reader.getByLabel(new RegExp(`^Annotation on “${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }

  detailsTab(name: 'Details' | 'Annotations' | 'Entities' | 'Notes'): Locator {
    return this.details.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  annotationsList(): Locator {
    return this.details.getByRole('list', { name: /annotations?, in text order/ });
  }

  /** Correct text: the reader's text in an editor, changed by `edit`, saved with Ctrl+Enter. */
  async correctText(edit: (text: string) => string): Promise<void> {
    await this.reader.getByRole('button', { name: 'Correct text' }).click();
    const box = this.reader.getByRole('textbox', { name: "The record's text" });
    await box.fill(edit(await box.inputValue()));
    await box.press('Control+Enter');
    await expect(box).toBeHidden();
  }

  /** Marks the selected words as an entity of a kind, from the selection bar. */
  async markSelectionAs(kind: 'person' | 'organization' | 'place'): Promise<void> {
    await this.selectionBar().getByRole('button', { name: kind, exact: true }).click();
    await expect(this.selectionBar()).toBeHidden();
  }

  /** Opens an entity's page from the Entities tab of the record in the reader. */
  async openEntity(name: string): Promise<Locator> {
    await this.detailsTab('Entities').click();
    await this.details.getByRole('button', { name, exact: true }).click();
    const page = this.dialog(name);
    await expect(page).toBeVisible();
    return page;
  }
}
