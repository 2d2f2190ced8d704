<?php
/**
 * Deleting the plugin removes what it stored: its settings and the idempotency keys it kept as
 * comment meta. The comments themselves are WordPress's and stay.
 *
 * @package RecoveryComments
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'recovery_comments_settings' );
delete_metadata( 'comment', 0, '_recovery_comments_client_id', '', true );
delete_metadata( 'comment', 0, '_recovery_comments_body_hash', '', true );
