<?php
/**
 * Converts between the element's text model (plain text, "\n" between lines, a blank line
 * between paragraphs) and what WordPress stores in comment_content (text with a little HTML).
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/**
 * Turns stored comment HTML into plain text for the element.
 *
 * WordPress keeps comments as typed (newlines, not <p>) plus the few tags kses allows anonymous
 * commenters (a, b, blockquote, code, em, ...). The result is text the element renders as text,
 * so this never needs to be a faithful HTML parser: at worst a stray tag shows up stripped.
 * Links keep their address, as the element links bare http(s) URLs itself.
 *
 * @param string $html A comment's comment_content.
 * @return string Plain text.
 */
function html_to_text( $html ) {
	$text = str_replace( array( "\r\n", "\r" ), "\n", (string) $html );
	$text = preg_replace( '#<br\s*/?>#i', "\n", $text );
	$text = preg_replace( '#</?(p|div|blockquote|ul|ol|li|pre|h[1-6])\b[^>]*>#i', "\n\n", $text );
	$text = preg_replace_callback(
		'#<a\s[^>]*?href\s*=\s*(["\'])(.*?)\1[^>]*>(.*?)</a>#is',
		static function ( $match ) {
			$href  = html_entity_decode( $match[2], ENT_QUOTES | ENT_HTML5, 'UTF-8' );
			$label = trim( wp_strip_all_tags( $match[3] ) );
			if ( ! preg_match( '#^https?://#i', $href ) ) {
				return $label;
			}
			$plain_label = html_entity_decode( $label, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
			if ( '' === $plain_label || $plain_label === $href || rtrim( $plain_label, '/' ) === rtrim( $href, '/' ) ) {
				return $href;
			}
			return $label . ' (' . esc_html( $href ) . ')';
		},
		$text
	);
	$text = wp_strip_all_tags( $text );
	$text = html_entity_decode( $text, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	$text = preg_replace( "/[ \t]+\n/", "\n", $text );
	$text = preg_replace( "/\n{3,}/", "\n\n", $text );
	return trim( $text );
}

/**
 * Turns the element's plain text into comment_content: every character stays what the reader
 * typed ("<3", "a < b", "<script>" are text, not markup WordPress would strip or keep), and
 * WordPress's own screens, emails and themes show it as written.
 *
 * @param string $text Plain text from the element.
 * @return string Text safe to store as comment HTML.
 */
function text_to_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_NOQUOTES, 'UTF-8' );
}

/**
 * Decodes a stored author name (WordPress keeps "&amp;" for "&") for the element's text.
 *
 * @param string $name A comment's comment_author.
 * @return string Plain text.
 */
function plain_name( $name ) {
	return trim( html_entity_decode( wp_strip_all_tags( (string) $name ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ) );
}
