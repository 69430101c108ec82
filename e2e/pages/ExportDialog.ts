// Page object for the Export dialog and the Verify a bag dialog: by role and label, as a person sees them.
import { expect, type Locator, type Page } from '@playwright/test';

export type ExportFormatLabel = 'JSON — Cairn\'s record format' | 'JSONL — one record per line' | 'CSV — a table, one row per record' | 'Dublin Core XML (oai_dc)' | 'Web Annotations (JSON-LD)' | 'BagIt bag — all of these, with the originals';

export class ExportDialog {
  readonly page: Page;
  readonly dialog: Locator;
  readonly format: Locator;
  readonly folder: Locator;
  readonly name: Locator;
  readonly exportButton: Locator;
  /** The summary once it is done: "A bag of 2 records (13 files, …) is ready:" and the path. */
  readonly done: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole('dialog', { name: 'Export' });
    this.format = this.dialog.getByRole('combobox', { name: 'Format' });
    this.folder = this.dialog.getByRole('textbox', { name: 'Folder' });
    this.name = this.dialog.getByRole('textbox', { name: 'Name' });
    this.exportButton = this.dialog.getByRole('button', { name: /^Export \d+ records?$/ });
    this.done = this.dialog.getByRole('status');
  }

  /** Ctrl+E, as a person who works from the keyboard opens it. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Control+e');
    await expect(this.dialog).toBeVisible();
  }

  /** Escape closes it, as every dialog. */
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }

  scope(name: RegExp | string): Locator {
    return this.dialog.getByRole('radio', { name });
  }

  /** Fills in where it goes; the folder is a full path (web mode has no folder picker). */
  async writeTo(folder: string, name: string): Promise<void> {
    await this.folder.fill(folder);
    await this.name.fill(name);
  }

  /** Exports every record as a bag (the dialog's default format) into `folder`/`name`, then closes the dialog. */
  async everyRecordAsBag(folder: string, name: string, count: number): Promise<void> {
    await this.open();
    await this.scope(/^Every record/).check();
    await this.writeTo(folder, name);
    await this.button(`Export ${count} records`).click();
    await expect(this.done).toContainText(`A bag of ${count} records`);
    await this.close();
  }

  async chooseFormat(label: ExportFormatLabel): Promise<void> {
    await this.format.selectOption({ label });
  }

  button(name: string | RegExp): Locator {
    return this.dialog.getByRole('button', { name });
  }
}

export class BagVerifyDialog {
  readonly dialog: Locator;
  readonly path: Locator;
  readonly summary: Locator;
  readonly problems: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Verify a bag' });
    this.path = this.dialog.getByRole('textbox', { name: 'The bag: a folder, or a .zip file' });
    this.summary = this.dialog.getByRole('status');
    this.problems = this.dialog.getByRole('list', { name: 'Problems found' });
  }

  async verify(where: string): Promise<void> {
    await this.path.fill(where);
    await this.dialog.getByRole('button', { name: 'Verify', exact: true }).click();
  }
}
