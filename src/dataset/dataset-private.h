/* The dataset's libxml2 document, for merge's XPath evaluation. Not
 * installed. */
#ifndef JIBAO_DATASET_PRIVATE_H
#define JIBAO_DATASET_PRIVATE_H

#include <libxml/tree.h>

#include "jibao/dataset.h"

/* The combined <dataset> document; owned by ds, valid until it is freed
 * or another file is loaded. */
xmlDocPtr jb_dataset_get_xml(jb_dataset_t *ds);

/* Count sources and facts added to the document directly. */
void jb_dataset_count_added(jb_dataset_t *ds, size_t sources, size_t facts);

#endif
