/**
 * DL4J's side of training: a DL4J network as a {@link org.rankscape.train.TrainableNetwork}, and
 * the contract of training one across a cluster. Kept apart so that {@code org.rankscape.train}
 * itself needs no DL4J.
 */
package org.rankscape.train.dl4j;
