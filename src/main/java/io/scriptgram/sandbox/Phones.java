package io.scriptgram.sandbox;

/** Phone numbers as the world keeps them: digits only ("+999 66 1 1234" → "9996611234"). */
final class Phones {
    private Phones() {}

    static String digits(String phone) {
        if (phone == null) return "";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The DC a Telegram test number 99966XYYYY belongs to (X), or 0 for other numbers; the sandbox homes new sign-ups
     * there when it has that DC.
     */
    static int testDc(String digits) {
        if (digits.length() == 10 && digits.startsWith("99966")) return digits.charAt(5) - '0';
        return 0;
    }
}
