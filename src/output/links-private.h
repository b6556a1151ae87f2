/* Links inside the PDF for cairo versions that cannot write them. Not
 * installed. */
#ifndef JIBAO_LINKS_PRIVATE_H
#define JIBAO_LINKS_PRIVATE_H

#include <glib.h>

#include "../base/pages-private.h"

/* Append to pdf (a complete PDF as cairo 1.16 writes it) an incremental
 * update that adds every JB_ITEM_LINK of pages as a link annotation with an
 * explicit destination (page, x, y of its JB_ITEM_DEST). Links to unknown
 * destinations are left out. FALSE, with pdf unchanged, when the file does
 * not have the shape expected (then the PDF is still valid, without
 * links). */
gboolean jb_pdf_append_links(GByteArray *pdf, const jb_pages_t *pages);

#endif
