package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A PDF decompression bomb stops here, before PDFBox decodes anything for the text: PDFBox decodes
 * a stream whole into memory, so an 800 KB PDF whose content stream inflates to 800 MB exhausts the
 * heap. Every stream of the file that the text layer may need (content streams, forms, fonts — not
 * images, which are only decoded to render them for OCR, see {@link #checkImages}) is decoded once
 * into a counter, filter by filter, and the document is refused (413) as soon as the total passes
 * the limit; nothing decoded is kept.
 */
final class PdfStreams {
  /** Decoded bytes of all non-image streams together; a CV's fonts and pages need a few MB. */
  static final long MAX_DECODED_BYTES = 64L * 1024 * 1024;

  /** Pixels of one image that OCR may have to render (a 600 dpi A4 scan is about 35 million). */
  static final long MAX_IMAGE_PIXELS = 50_000_000L;

  private static final Set<COSName> IMAGE_FILTERS =
      Set.of(
          COSName.DCT_DECODE,
          COSName.DCT_DECODE_ABBREVIATION,
          COSName.JPX_DECODE,
          COSName.JBIG2_DECODE,
          COSName.CCITTFAX_DECODE,
          COSName.CCITTFAX_DECODE_ABBREVIATION);

  private PdfStreams() {}

  static void checkExpansion(PDDocument pdf) throws IOException {
    checkExpansion(pdf, MAX_DECODED_BYTES);
  }

  static void checkExpansion(PDDocument pdf, long limit) throws IOException {
    long[] total = {0};
    for (COSObjectKey key : new ArrayList<>(pdf.getDocument().getXrefTable().keySet())) {
      COSObject object = pdf.getDocument().getObjectFromPool(key);
      COSBase base = object == null ? null : object.getObject();
      if (!(base instanceof COSStream stream) || isImage(stream)) {
        continue;
      }
      List<COSName> filters = filters(stream);
      if (filters.isEmpty()) {
        continue; // stored as is: its size is the file's
      }
      try {
        decode(stream, filters, total, limit);
      } catch (IOException e) {
        // A damaged stream: PDFBox reads what it can of it later, leniently, as before; only
        // what it decodes counts here.
      }
    }
  }

  private static boolean isImage(COSStream stream) {
    if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
      return true;
    }
    return filters(stream).stream().anyMatch(IMAGE_FILTERS::contains);
  }

  private static List<COSName> filters(COSStream stream) {
    COSBase f = stream.getFilters();
    List<COSName> names = new ArrayList<>();
    if (f instanceof COSName name) {
      names.add(name);
    } else if (f instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getObject(i) instanceof COSName name) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** Each filter in turn into a counter; an intermediate result is held only up to the limit. */
  private static void decode(COSStream stream, List<COSName> filters, long[] total, long limit)
      throws IOException {
    byte[] input;
    try (InputStream raw = stream.createRawInputStream()) {
      input = raw.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
    }
    for (int i = 0; i < filters.size(); i++) {
      Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
      boolean last = i == filters.size() - 1;
      Counting out = new Counting(last ? null : new ByteArrayOutputStream(), total, limit);
      filter.decode(new ByteArrayInputStream(input), out, stream, i);
      if (!last) {
        input = ((ByteArrayOutputStream) out.target).toByteArray();
        total[0] -= input.length; // only the last filter's output counts towards the total
      }
    }
  }

  /** Counts what a filter writes, failing at the first byte past the limit. */
  private static final class Counting extends OutputStream {
    final OutputStream target;
    final long[] total;
    final long limit;

    Counting(OutputStream target, long[] total, long limit) {
      this.target = target;
      this.total = total;
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      total[0] += len;
      if (total[0] > limit) {
        throw new DocumentRejectedException(
            Kind.TOO_LARGE,
            "the PDF expands to more than "
                + limit / (1024 * 1024)
                + " MB of page and font data (a decompression bomb, or far more than a CV);"
                + " nothing was read");
      }
      if (target != null) {
        target.write(b, off, len);
      }
    }
  }

  /** Refuses a page whose images would be too large to render for OCR. */
  static void checkImages(PDDocument pdf) {
    for (COSObjectKey key : new ArrayList<>(pdf.getDocument().getXrefTable().keySet())) {
      COSObject object = pdf.getDocument().getObjectFromPool(key);
      if (object != null
          && object.getObject() instanceof COSStream stream
          && COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
        long pixels =
            (long) stream.getInt(COSName.WIDTH, 0) * (long) stream.getInt(COSName.HEIGHT, 0);
        if (pixels > MAX_IMAGE_PIXELS) {
          throw new DocumentRejectedException(
              Kind.TOO_LARGE,
              "an image of the PDF has "
                  + pixels / 1_000_000
                  + " million pixels; OCR renders at most "
                  + MAX_IMAGE_PIXELS / 1_000_000
                  + " million (scan at 300 dpi)");
        }
      }
    }
  }
}
