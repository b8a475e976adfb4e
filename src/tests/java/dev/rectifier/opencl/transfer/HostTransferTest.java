package dev.rectifier.opencl.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Precision;
import dev.rectifier.backend.HostRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link HostTransfer#forEachPiece} splits ranges up to the longest a Java array can be (2^31 −
 * 1 elements, with a buffer limit of 8 GiB or more one segment holds them all). The ranges name no
 * real array of that length: the split reads only their lengths.
 */
class HostTransferTest {
  private static final int FLOATS_PER_PIECE = (int) (HostTransfer.PIECE_BYTES / Float.BYTES);
  private static final int DOUBLES_PER_PIECE = (int) (HostTransfer.PIECE_BYTES / Double.BYTES);

  /** A piece: its first element and length in the range, and its offset in bytes. */
  private record Piece(int offset, int length, long byteOffset) {}

  private static List<Piece> pieces(HostRange range) {
    List<Piece> pieces = new ArrayList<>();
    HostTransfer.forEachPiece(
        range,
        (piece, byteOffset) -> {
          assertTrue(piece.offset() >= 0, () -> "a piece at offset " + piece.offset());
          assertTrue(pieces.size() < 4096, "more pieces than the range can have");
          pieces.add(new Piece(piece.offset(), piece.length(), byteOffset));
        });
    return pieces;
  }

  private static HostRange floats(int length) {
    return new HostRange(Precision.FLOAT, new float[0], 0, length);
  }

  @Test
  void rangesSplitIntoWholePiecesAndARest() {
    assertEquals(
        List.of(new Piece(0, FLOATS_PER_PIECE, 0), new Piece(FLOATS_PER_PIECE, 1, 8L << 20)),
        pieces(floats(FLOATS_PER_PIECE + 1)));
    assertEquals(List.of(), pieces(floats(0)));
  }

  @Test
  void theLongestFloatRangesMakeNoPieceBeyondTheirEnd() {
    long last = (long) Integer.MAX_VALUE / FLOATS_PER_PIECE * FLOATS_PER_PIECE; // 2,145,386,496
    for (long length : new long[] {last, last + 1, Integer.MAX_VALUE}) {
      List<Piece> pieces = pieces(floats((int) length));
      long covered = 0;
      for (Piece p : pieces) {
        assertEquals(covered, p.offset(), "pieces follow each other");
        assertEquals(covered * Float.BYTES, p.byteOffset());
        covered += p.length();
      }
      assertEquals(length, covered, "length " + length);
      assertEquals((length + FLOATS_PER_PIECE - 1) / FLOATS_PER_PIECE, pieces.size());
    }
  }

  @Test
  void theLongestDoubleRangeMakesNoPieceBeyondItsEnd() {
    List<Piece> pieces =
        pieces(new HostRange(Precision.DOUBLE, new double[0], 0, Integer.MAX_VALUE));
    Piece last = pieces.get(pieces.size() - 1);
    assertEquals(2048, pieces.size());
    assertEquals(
        new Piece(2047 * DOUBLES_PER_PIECE, DOUBLES_PER_PIECE - 1, 2047L * (8L << 20)), last);
  }
}
