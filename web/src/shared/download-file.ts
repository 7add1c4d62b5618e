/** Saves a blob or a data URL as a download with the given file name. */
export function downloadFile(fileName: string, content: Blob | string): void {
  const url = typeof content === 'string' ? content : URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes away.
  if (typeof content !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
