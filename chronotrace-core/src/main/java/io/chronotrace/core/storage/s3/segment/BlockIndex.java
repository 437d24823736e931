package io.chronotrace.core.storage.s3.segment;

import io.chronotrace.core.storage.segment.IndexTable;

/**
 * The index of one uploaded block. Immutable: a block never changes once its index is uploaded.
 *
 * @param key the block
 * @param table its entries, sorted for listings and look-ups by id
 */
record BlockIndex(BlockKey key, IndexTable table) {

}
