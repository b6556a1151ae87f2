/* The dataset's libxml2 document, for merge's XPath evaluation. Not
 * installed. */
#ifndef JIBAO_DATASET_PRIVATE_H
#define JIBAO_DATASET_PRIVATE_H

#include <glib.h>
#include <libxml/tree.h>

#include "jibao/dataset.h"

/* The combined <dataset> document; owned by ds, valid until it is freed
 * or another file is loaded. */
xmlDocPtr jb_dataset_get_xml(jb_dataset_t *ds);

/* Add a <source> or <fact> element (created in the dataset's document) under
 * the root, renaming its id if another element has it; renames (may be
 * NULL) maps old source ids to new ones so facts follow their source. */
void jb_dataset_adopt(jb_dataset_t *ds, xmlNodePtr n, GHashTable *renames);

#endif
