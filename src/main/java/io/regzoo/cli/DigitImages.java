package io.regzoo.cli;

import io.regzoo.RegzooException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns a picture of a digit (PNG, JPEG, anything {@link ImageIO} reads; any size) into an MNIST
 * example: 28×28 grayscale (area-averaged), white digit on black (inverted when the background is
 * light, judged by the border), scaled to [0, 1]. It does not crop or centre the digit as MNIST's
 * preprocessing did: the digit should fill the picture with a small margin.
 */
final class DigitImages {
    /** MNIST's side length. */
    static final int SIDE = 28;

    private DigitImages() {}

    /**
     * Reads and converts an image file.
     *
     * @param file a PNG/JPEG/GIF/BMP file
     * @return 784 pixels, row-major, in [0, 1], digit bright on dark
     * @throws RegzooException when the file is missing or not an image ImageIO can read
     */
    static float[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RegzooException(file + ": no such file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new RegzooException(file + ": cannot read the image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new RegzooException(file + ": neither an image (PNG, JPEG, GIF, BMP) nor an IDX image file");
        }
        return toMnist(img);
    }

    /**
     * Converts an image.
     *
     * @param img any image; transparent pixels count as white
     * @return 784 pixels, row-major, in [0, 1], digit bright on dark
     */
    static float[] toMnist(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(img, 0, 0, null);
        g.dispose();
        Image scaled = rgb.getScaledInstance(SIDE, SIDE, Image.SCALE_AREA_AVERAGING);
        BufferedImage gray = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g2 = gray.createGraphics();
        g2.drawImage(scaled, 0, 0, null);
        g2.dispose();
        int[] px = gray.getRaster().getPixels(0, 0, SIDE, SIDE, (int[]) null);
        double border = 0;
        int n = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (x == 0 || y == 0 || x == SIDE - 1 || y == SIDE - 1) {
                    border += px[y * SIDE + x];
                    n++;
                }
            }
        }
        boolean invert = border / n > 127.5;
        float[] out = new float[SIDE * SIDE];
        for (int i = 0; i < out.length; i++) {
            out[i] = (invert ? 255 - px[i] : px[i]) / 255f;
        }
        return out;
    }
}
