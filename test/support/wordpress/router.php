<?php
/**
 * Router for `php -S`: existing files are served as they are, everything else goes through
 * WordPress's index.php, which is what WordPress's own Apache rewrite rules do. Without it,
 * pretty permalinks (/2024/a-post/, /wp-json/...) would be 404s from the built-in server.
 */

$rc_root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$rc_path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );

if ( '/' !== $rc_path && false === strpos( $rc_path, "\0" ) ) {
	$rc_target = $rc_root . $rc_path;
	if ( is_file( $rc_target ) || ( is_dir( $rc_target ) && is_file( $rc_target . '/index.php' ) ) ) {
		return false;
	}
}

$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $rc_root . '/index.php';
chdir( $rc_root );
require $rc_root . '/index.php';
