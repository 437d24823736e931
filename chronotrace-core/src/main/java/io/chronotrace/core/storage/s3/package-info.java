/**
 * The S3 backend: traces as objects in an S3 bucket or any S3-compatible store (MinIO, Ceph,
 * Cloudflare R2), laid out as on local disk, through the AWS SDK v2.
 */
@NullMarked
package io.chronotrace.core.storage.s3;

import org.jspecify.annotations.NullMarked;
