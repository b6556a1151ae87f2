/* What output adds to cairo's PDF afterwards: links (for cairo versions
 * that cannot write them) and page labels. Not installed. */
#ifndef JIBAO_LINKS_PRIVATE_H
#define JIBAO_LINKS_PRIVATE_H

#include <glib.h>

#include "../base/pages-private.h"

/* Append to pdf (a complete PDF as cairo writes it) an incremental update
 * that adds, with links set, every JB_ITEM_LINK of pages as a link
 * annotation with an explicit destination (page, x, y of its JB_ITEM_DEST;
 * links to unknown destinations are left out), and page labels when the
 * pages have a cover (封面, then 1, 2, … as the footers count). Nothing is
 * appended when there is nothing to add. FALSE, with pdf unchanged, when
 * the file does not have the shape expected (it is still a valid PDF). */
gboolean jb_pdf_append_update(GByteArray *pdf, const jb_pages_t *pages, gboolean links);

#endif
