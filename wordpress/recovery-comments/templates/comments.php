<?php
/**
 * The comment section classic themes get instead of their comments.php.
 *
 * @package RecoveryComments
 */

defined( 'ABSPATH' ) || exit;

$recovery_comments_post = get_post();
if ( $recovery_comments_post instanceof WP_Post ) {
	// section_html() escapes every attribute and WordPress escapes its own list and form.
	echo RecoveryComments\section_html( $recovery_comments_post ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
}
