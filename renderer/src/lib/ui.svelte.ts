// Which dialog is open and the few elements other parts of the window need to reach (search, file picker).
import type { ShellCommand } from './contract';
import { exporter } from './exporter.svelte';
import { toasts } from './toasts.svelte';
import { text } from './i18n.svelte';
import { session } from './session.svelte';

/** New archive, Open archive, or Save a copy elsewhere (the open archive copied to another folder, and worked on there). */
export type ArchiveDialogMode = 'new' | 'open' | 'copy';

class WindowUi {
  archiveDialog = $state<{ mode: ArchiveDialogMode; path?: string } | null>(null);
  shortcutsOpen = $state(false);
  settingsOpen = $state(false);
  bulkTagOpen = $state(false);
  /** The tag manager (tags and vocabularies). */
  tagManagerOpen = $state(false);
  overviewOpen = $state(false);
  verifyOpen = $state(false);
  /** Verify a bag (received, or just exported), with the path to start from. */
  bagVerify = $state<{ initial: string } | null>(null);
  /** Take back an export into the open (empty) archive. */
  takeBackOpen = $state(false);
  searchInput: HTMLInputElement | null = null;
  fileInput: HTMLInputElement | null = null;
  folderInput: HTMLInputElement | null = null;

  focusSearch(): void {
    this.searchInput?.focus();
    this.searchInput?.select();
  }

  chooseFilesToImport(): void {
    if (this.fileInput) this.fileInput.click();
    else toasts.show(text('import_needs_archive'));
  }

  chooseFolderToImport(): void {
    if (this.folderInput) this.folderInput.click();
    else toasts.show(text('import_needs_archive'));
  }

  openArchiveDialog(mode: ArchiveDialogMode, path?: string): void {
    this.archiveDialog = { mode, path };
  }

  /** Verify needs an archive: without one, it says so instead of opening an empty dialog. */
  openVerify(): void {
    if (session.archive) this.verifyOpen = true;
    else toasts.show(text('verify_needs_archive'));
  }

  /** Export needs an archive: without one, it says so instead of opening a dialog with nothing to export. */
  openExport(): void {
    if (session.archive) exporter.openDialog();
    else toasts.show(text('export_needs_archive'));
  }

  /** Runs a command from the desktop menu, the same as the matching button. */
  run(command: ShellCommand): void {
    switch (command) {
      case 'archive.new':
        return this.openArchiveDialog('new');
      case 'archive.open':
        return this.openArchiveDialog('open');
      case 'archive.verify':
        return this.openVerify();
      case 'import.files':
        return this.chooseFilesToImport();
      case 'import.folder':
        return this.chooseFolderToImport();
      case 'export.open':
        return this.openExport();
      case 'search.focus':
        return this.focusSearch();
      case 'settings.open':
        this.settingsOpen = true;
        return;
    }
  }
}

export const ui = new WindowUi();
